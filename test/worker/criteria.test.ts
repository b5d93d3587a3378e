import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { demoCriteria } from "../../db/seed/criteria.ts";
import { XLSX_TYPE } from "../../worker/schemas/criteria.ts";
import { call, callJson, signIn } from "./client.ts";

interface SystemView {
  id: string;
  name: string;
  version: number;
  frozen: boolean;
  rev: number;
  maxTotal: number;
  categories: Array<{ code: string; items: Array<{ code: string; maxPoints: number }> }>;
  bonusItems: Array<{ code: string }>;
  deductionItems: Array<{ code: string }>;
  vetoRules: Array<{ id: string; text: string }>;
  methodShares: Array<{ method: string; share: number }>;
}

const DEMO = "sichuan-criteria-2026";
let admin: string;
let reviewer: string;

beforeAll(async () => {
  admin = await signIn("admin@sichuan.demo");
  reviewer = await signIn("deyang@sichuan.demo");
});

const small = (name = "测试体系") => ({
  name,
  version: 1,
  maxTotal: 10,
  categories: [
    {
      code: "A1",
      title: "组织领导",
      items: [
        {
          code: "A1.1",
          title: "制定创建规划",
          maxPoints: 4,
          method: "material",
          evidence: { minFiles: 1, maxNoteChars: 300 },
        },
        {
          code: "A1.2",
          title: "现场查看宣传阵地",
          maxPoints: 6,
          method: "onsite",
          mode: "graded",
          grades: [
            { grade: "A", share: 1 },
            { grade: "B", share: 0.5 },
          ],
        },
      ],
    },
  ],
  bonusItems: [{ code: "B1", title: "获得省级以上表彰", maxPoints: 5, method: "material" }],
  bonusCap: 5,
  deductionItems: [{ code: "C1", title: "明察暗访发现问题", maxPoints: 2, method: "onsite" }],
  deductionCap: 4,
  vetoRules: [{ id: "V1", text: "发生重大安全生产事故" }],
});

describe("criteria systems", () => {
  it("lists the demo system and shows it in the fixed shape: base items add up to the total, bonus and deductions apart", async () => {
    const list = await callJson<{ items: Array<{ id: string; name: string; version: number; frozen: boolean }> }>(
      "/api/t/sichuan/criteria-systems",
      { cookie: reviewer },
    );
    expect(list.body.items).toContainEqual({ id: DEMO, name: demoCriteria("sichuan").name, version: 1, frozen: false });
    const { body } = await callJson<SystemView>(`/api/t/sichuan/criteria-systems/${DEMO}`, { cookie: reviewer });
    const base = body.categories.flatMap((c) => c.items);
    expect(body.maxTotal).toBe(100);
    expect(base.reduce((s, i) => s + i.maxPoints, 0)).toBeCloseTo(100);
    expect(body.categories.length).toBeGreaterThanOrEqual(10);
    expect(base.length).toBeGreaterThanOrEqual(50);
    const bonusCodes = new Set(body.bonusItems.map((i) => i.code));
    expect(base.some((i) => bonusCodes.has(i.code))).toBe(false);
    expect(body.vetoRules.length).toBeGreaterThanOrEqual(8);
    expect(body.methodShares.find((m) => m.method === "material")?.share).toBeGreaterThan(0.4);
  });

  it("creates a system, refusing totals that do not add up and duplicate codes", async () => {
    const created = await callJson<SystemView>("/api/t/sichuan/criteria-systems", { body: small(), cookie: admin });
    expect(created.status).toBe(201);
    expect(created.body.methodShares).toEqual([
      { method: "material", points: 4, share: 0.4 },
      { method: "onsite", points: 6, share: 0.6 },
    ]);
    const wrongTotal = await callJson<{ error: { fields: Record<string, string[]> } }>(
      "/api/t/sichuan/criteria-systems",
      {
        body: { ...small(), maxTotal: 12 },
        cookie: admin,
      },
    );
    expect(wrongTotal.status).toBe(400);
    expect(Object.keys(wrongTotal.body.error.fields)).toEqual(["maxTotal"]);
    const dup = small();
    dup.bonusItems[0] = { code: "A1.1", title: "重复", maxPoints: 5, method: "material" };
    expect((await call("/api/t/sichuan/criteria-systems", { body: dup, cookie: admin })).status).toBe(400);
    const zero = small();
    const firstItem = zero.categories[0]?.items[0];
    if (firstItem) firstItem.maxPoints = 0;
    expect((await call("/api/t/sichuan/criteria-systems", { body: zero, cookie: admin })).status).toBe(400);
    expect(
      (await call("/api/t/sichuan/criteria-systems", { body: { ...small(), frozen: true }, cookie: admin })).status,
    ).toBe(400);
  });

  it("refuses a grade scale whose shares do not fall or whose names repeat, and creates nothing", async () => {
    const before = await callJson<{ items: unknown[] }>("/api/t/sichuan/criteria-systems", { cookie: admin });
    for (const grades of [
      [
        { grade: "A", share: 0.5 },
        { grade: "B", share: 0.8 },
      ],
      [
        { grade: "A", share: 1 },
        { grade: "A", share: 0.5 },
      ],
    ]) {
      const doc = small();
      const graded = doc.categories[0]?.items[1];
      if (graded) graded.grades = grades;
      const refused = await callJson<{ error: { fields: Record<string, string[]> } }>(
        "/api/t/sichuan/criteria-systems",
        { body: doc, cookie: admin },
      );
      expect(refused.status).toBe(400);
      expect(Object.keys(refused.body.error.fields)).toEqual(["items.A1.2"]);
    }
    const after = await callJson<{ items: unknown[] }>("/api/t/sichuan/criteria-systems", { cookie: admin });
    expect(after.body.items).toHaveLength(before.body.items.length);
  });

  it("edits an unfrozen system over its rev; a stale rev answers 409", async () => {
    const created = await callJson<SystemView>("/api/t/sichuan/criteria-systems", {
      body: small("可编辑体系"),
      cookie: admin,
    });
    const saved = await callJson<SystemView>(`/api/t/sichuan/criteria-systems/${created.body.id}`, {
      method: "PUT",
      body: { rev: 1, content: { ...small("可编辑体系"), version: 2 } },
      cookie: admin,
    });
    expect(saved.body).toMatchObject({ version: 2, rev: 2 });
    const stale = await call(`/api/t/sichuan/criteria-systems/${created.body.id}`, {
      method: "PUT",
      body: { rev: 1, content: small("可编辑体系") },
      cookie: admin,
    });
    expect(stale.status).toBe(409);
  });

  it("a system used by a round is frozen: edits answer 409; a copy is editable", async () => {
    const created = await callJson<SystemView>("/api/t/sichuan/criteria-systems", {
      body: small("将被使用"),
      cookie: admin,
    });
    const round = await call("/api/t/sichuan/rounds", {
      body: { title: "冻结测试评选", level: "city", kind: "selection", year: 2026, criteriaSystemId: created.body.id },
      cookie: admin,
    });
    expect(round.status).toBe(201);
    const view = await callJson<SystemView>(`/api/t/sichuan/criteria-systems/${created.body.id}`, { cookie: admin });
    expect(view.body.frozen).toBe(true);
    const edit = await callJson(`/api/t/sichuan/criteria-systems/${created.body.id}`, {
      method: "PUT",
      body: { rev: view.body.rev, content: small("将被使用") },
      cookie: admin,
    });
    expect(edit).toMatchObject({ status: 409, body: { error: { code: "criteria_frozen" } } });
    const copy = await callJson<SystemView>(`/api/t/sichuan/criteria-systems/${created.body.id}/copy`, {
      body: { name: "将被使用（2027年版）", version: 2 },
      cookie: admin,
    });
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({ frozen: false, version: 2, name: "将被使用（2027年版）" });
    expect(copy.body.categories).toEqual(view.body.categories);
  });

  it("round-trips the demo system through XLSX export and import", async () => {
    const exported = await call(`/api/t/sichuan/criteria-systems/${DEMO}/export.xlsx`, { cookie: admin });
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-type")).toBe(XLSX_TYPE);
    const bytes = new Uint8Array(await exported.arrayBuffer());
    expect(bytes.slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
    const imported = await callJson<SystemView>("/api/t/sichuan/criteria-systems/import.xlsx", {
      body: bytes,
      cookie: admin,
      headers: { "content-type": XLSX_TYPE },
    });
    expect(imported.status).toBe(201);
    const original = await callJson<SystemView>(`/api/t/sichuan/criteria-systems/${DEMO}`, { cookie: admin });
    const { id: _a, rev: _b, frozen: _c, ...before } = original.body;
    const { id: _d, rev: _e, frozen: _f, ...after } = imported.body;
    expect(after).toEqual(before);
  });

  it("round-trips through JSON export and import", async () => {
    const exported = await callJson<Record<string, unknown>>(`/api/t/sichuan/criteria-systems/${DEMO}/export.json`, {
      cookie: admin,
    });
    const imported = await callJson<SystemView>("/api/t/sichuan/criteria-systems", {
      body: { ...exported.body, name: "JSON 导入" },
      cookie: admin,
    });
    expect(imported.status).toBe(201);
    expect(imported.body.categories).toEqual(
      (await callJson<SystemView>(`/api/t/sichuan/criteria-systems/${DEMO}`, { cookie: admin })).body.categories,
    );
  });

  it("refuses a workbook that is not XLSX and a JSON body on the XLSX route", async () => {
    const before = (await env.DB.prepare("select count(*) n from criteria_systems").first<{ n: number }>())?.n;
    const garbage = await callJson<{ error: { code: string } }>("/api/t/sichuan/criteria-systems/import.xlsx", {
      body: new TextEncoder().encode("not a workbook"),
      cookie: admin,
      headers: { "content-type": XLSX_TYPE },
    });
    expect(garbage.status).toBe(400);
    expect((await call("/api/t/sichuan/criteria-systems/import.xlsx", { body: {}, cookie: admin })).status).toBe(415);
    expect((await env.DB.prepare("select count(*) n from criteria_systems").first<{ n: number }>())?.n).toBe(before);
  });

  it("is edited by tenant admins only; other tenants get 404", async () => {
    expect((await call("/api/t/sichuan/criteria-systems", { body: small(), cookie: reviewer })).status).toBe(403);
    expect(
      (
        await call(`/api/t/sichuan/criteria-systems/${DEMO}/copy`, {
          body: { name: "副本", version: 3 },
          cookie: reviewer,
        })
      ).status,
    ).toBe(403);
    const hubei = await signIn("admin@hubei.demo");
    expect((await call(`/api/t/sichuan/criteria-systems/${DEMO}`, { cookie: hubei })).status).toBe(404);
    expect((await call(`/api/t/hubei/criteria-systems/${DEMO}`, { cookie: hubei })).status).toBe(404);
    expect((await call(`/api/t/hubei/criteria-systems/${DEMO}/export.xlsx`, { cookie: hubei })).status).toBe(404);
    expect((await call("/api/t/sichuan/criteria-systems")).status).toBe(401);
  });
});
