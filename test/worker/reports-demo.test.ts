import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { demoCriteria } from "../../db/seed/criteria.ts";
import { DEMO_ROUNDS, demoApplicationId } from "../../db/seed/scoring.ts";
import { itemsByCode } from "../../worker/domain/criteria.ts";
import { ok, tenantApi } from "./client.ts";
import { seedDemoScoring } from "./demo-scoring-seed.ts";
import { signInAll } from "./fixtures.ts";

beforeAll(async () => {
  await seedDemoScoring();
});

describe("demo reports", () => {
  it("every application of each demo scoring round has a report of 1,500–3,000 字 with 3–6 links to real items", async () => {
    for (const slug of ["sichuan", "hubei"] as const) {
      const codes = new Set(itemsByCode(demoCriteria(slug)).keys());
      const { results } = await env.DB.prepare(
        `select a.id, r.length, r.figures, (select count(*) from report_links l where l.application_id = a.id) links,
           (select group_concat(item_code) from report_links l where l.application_id = a.id) codes
         from applications a left join application_reports r on r.application_id = a.id where a.round_id = ?`,
      )
        .bind(DEMO_ROUNDS.review(slug))
        .all<{ id: string; length: number | null; figures: string; links: number; codes: string }>();
      expect(results.length).toBeGreaterThan(30);
      for (const row of results) {
        expect(row.length, row.id).toBeGreaterThanOrEqual(1500);
        expect(row.length, row.id).toBeLessThanOrEqual(3000);
        expect(row.links, row.id).toBeGreaterThanOrEqual(3);
        expect(row.links, row.id).toBeLessThanOrEqual(6);
        for (const code of row.codes.split(",")) expect(codes.has(code), code).toBe(true);
        const figures = JSON.parse(row.figures) as Array<{ confirmed: boolean; text: string; value: number }>;
        expect(figures.length).toBeGreaterThan(0);
        for (const f of figures) {
          expect(f.confirmed).toBe(true);
          expect(f.text).toContain(String(f.value));
        }
      }
    }
  });

  it("the provincial reviewer reads a demo unit's report with its links and figures, not editable", async () => {
    const { sichuanProvince } = await signInAll("sichuanProvince");
    const id = demoApplicationId("sichuan", 0);
    const view = await ok(
      tenantApi(sichuanProvince).applications[":id"].report.$get({ param: { tenant: "sichuan", id } }),
    );
    expect(view.editable).toBe(false);
    expect(view.report?.content.sections.map((s) => s.heading)).toEqual([
      "一、基本情况",
      "二、创建机制",
      "三、主要做法",
      "四、创建成效",
      "五、存在问题",
      "六、下一步打算",
    ]);
    expect(view.report?.links.length).toBeGreaterThanOrEqual(3);
    expect(view.report?.placeholders).toEqual([]);
    expect(view.suggestions.length).toBeGreaterThan(5);
  });
});
