import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { CriteriaDocument } from "../../worker/schemas/criteria.ts";
import { call, statusOf, tenantApi } from "./client.ts";
import { PLACES, signInAll } from "./fixtures.ts";
import {
  DEMO_CRITERIA,
  departmentAccount,
  insertAssignment,
  insertForm,
  roundIn,
  TENANT,
  unitApplication,
  userIdOf,
} from "./ranking-fixtures.ts";
import { roundTripsOf } from "./round-trips.ts";

let admin: string;
let deyang: string;
let staff: string;
let hubeiAdmin: string;
let doc: CriteriaDocument;

const csv = (cookie: string, roundId: string, lang?: "en" | "zh") =>
  tenantApi(cookie).rounds[":roundId"]["scores.csv"].$get({
    param: { tenant: TENANT, roundId },
    query: lang ? { lang } : {},
  });

/** The CSV's lines after its byte-order mark. */
async function linesOf(response: Response | { text(): Promise<string>; arrayBuffer(): Promise<ArrayBuffer> }) {
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder().decode(bytes.slice(3)).split("\r\n").filter(Boolean);
}

beforeAll(async () => {
  ({
    sichuanAdmin: admin,
    deyang,
    sichuanUnit: staff,
    hubeiAdmin,
  } = await signInAll("sichuanAdmin", "deyang", "sichuanUnit", "hubeiAdmin"));
  const row = await env.DB.prepare("select content from criteria_systems where id = ?")
    .bind(DEMO_CRITERIA)
    .first<{ content: string }>();
  doc = JSON.parse(row?.content ?? "{}") as CriteriaDocument;
});

describe("the score export", () => {
  it("every submitted score in scope, UTF-8 with BOM, the fixed English header, deductions positive, grades as points", async () => {
    const round = await roundIn(admin, "city_review");
    const base = doc.categories.flatMap((c) => c.items);
    const points = base.find((i) => i.mode === "points");
    const graded = base.find((i) => i.mode === "graded");
    const bonus = doc.bonusItems[0];
    const deduction = doc.deductionItems[0];
    if (!points || !graded || !bonus || !deduction) throw new Error("the demo system lacks an item kind");
    const grade = graded.grades[1];
    if (!grade) throw new Error("the graded item has one grade");
    const { applicationId } = await unitApplication(round.id, PLACES.jingyang, { name: '德阳"文明",单位' });
    const reviewer = await userIdOf("deyang@sichuan.demo");
    const other = await userIdOf("province@sichuan.demo");
    await insertForm({
      roundId: round.id,
      applicationId,
      stage: "city",
      reviewerId: reviewer,
      scores: [
        { itemCode: deduction.code, points: 1 },
        { itemCode: points.code, points: 1.5 },
        { itemCode: graded.code, grade: grade.grade },
        { itemCode: bonus.code, points: 0.5 },
      ],
    });
    // A draft is not exported.
    await insertForm({
      roundId: round.id,
      applicationId,
      stage: "city",
      reviewerId: other,
      status: "draft",
      scores: [{ itemCode: points.code, points: 2 }],
    });
    const res = await csv(admin, round.id, "en");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toContain("attachment");
    const lines = await linesOf(res);
    expect(lines[0]).toBe("applicationId,unitName,city,reviewerId,stage,itemCode,itemKind,points");
    const row = (code: string, kind: string, value: number) =>
      `${applicationId},"德阳""文明"",单位",德阳市,${reviewer},city,${code},${kind},${value}`;
    // Items in the criteria system's order: base items first, then bonus, then deduction.
    const expected = [
      [points.code, "base", 1.5],
      [graded.code, "base", Math.round(graded.maxPoints * grade.share * 100) / 100],
      [bonus.code, "bonus", 0.5],
      [deduction.code, "deduction", 1],
    ] as const;
    const order = [...base, ...doc.bonusItems, ...doc.deductionItems].map((i) => i.code);
    const sorted = [...expected].sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]));
    expect(lines.slice(1)).toEqual(sorted.map(([code, kind, value]) => row(code, kind, value)));
  });

  it("Chinese headers without lang=en; one round trip", async () => {
    const round = await roundIn(admin, "city_review");
    await csv(admin, round.id);
    const res = await csv(admin, round.id);
    expect(roundTripsOf(res)).toBe(1);
    expect(await linesOf(res)).toEqual(["申报编号,单位名称,市（州）,评审员编号,评审阶段,测评项目编码,项目类别,得分"]);
  });

  it("a city reviewer gets their city's scores only, and none of an application they have yet to score", async () => {
    const round = await roundIn(admin, "city_review");
    const item = doc.categories[0]?.items[0]?.code ?? "";
    const me = await userIdOf("deyang@sichuan.demo");
    const other = await userIdOf("province@sichuan.demo");
    const mine = await unitApplication(round.id, PLACES.jingyang);
    const pending = await unitApplication(round.id, PLACES.jingyang);
    const elsewhere = await unitApplication(round.id, PLACES.dazhou);
    for (const app of [mine, pending, elsewhere])
      await insertForm({
        roundId: round.id,
        applicationId: app.applicationId,
        stage: "city",
        reviewerId: other,
        scores: [{ itemCode: item, points: 1 }],
      });
    await insertAssignment({ roundId: round.id, applicationId: pending.applicationId, stage: "city", reviewerId: me });
    const lines = await linesOf(await csv(deyang, round.id, "en"));
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual([mine.applicationId]);
    const all = await linesOf(await csv(admin, round.id, "en"));
    expect(all).toHaveLength(4);
  });

  it("who may export: unit staff and departments 403, another tenant 404, anonymous 401; a bad lang 400", async () => {
    const round = await roundIn(admin, "city_review");
    expect(await statusOf(csv(staff, round.id))).toBe(403);
    expect(await statusOf(csv(await departmentAccount(admin, "综治"), round.id))).toBe(403);
    expect(await statusOf(csv(hubeiAdmin, round.id))).toBe(404);
    expect(await statusOf(csv("", round.id))).toBe(401);
    // Plain requests: a language the route does not offer, an unknown field.
    expect((await call(`/api/t/${TENANT}/rounds/${round.id}/scores.csv?lang=fr`, { cookie: admin })).status).toBe(400);
    expect((await call(`/api/t/${TENANT}/rounds/${round.id}/scores.csv?stage=city`, { cookie: admin })).status).toBe(
      400,
    );
  });
});
