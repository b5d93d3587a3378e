import { env } from "cloudflare:workers";
import type { InferRequestType } from "hono/client";
import { beforeAll, describe, expect, it } from "vitest";
import { demoCriteria } from "../../db/seed/criteria.ts";
import { XLSX_TYPE } from "../../worker/schemas/criteria.ts";
import { call, callJson, type ErrorBody, failure, ok, statusOf, tenantApi } from "./client.ts";
import { signInAll } from "./fixtures.ts";

type Api = ReturnType<typeof tenantApi>;
type NewSystem = InferRequestType<Api["criteria-systems"]["$post"]>["json"];

const DEMO = "sichuan-criteria-2026";
let admin: string;
let reviewer: string;

beforeAll(async () => {
  ({ sichuanAdmin: admin, deyang: reviewer } = await signInAll("sichuanAdmin", "deyang"));
});

const systems = (cookie: string | undefined, tenant = "sichuan") => {
  const route = tenantApi(cookie)["criteria-systems"];
  const param = { tenant };
  return { list: () => route.$get({ param }), create: (json: NewSystem) => route.$post({ param, json }) };
};
const system = (cookie: string, id: string, tenant = "sichuan") => {
  const route = tenantApi(cookie)["criteria-systems"][":id"];
  const param = { tenant, id };
  return {
    get: () => route.$get({ param }),
    save: (rev: number, content: NewSystem) => route.$put({ param, json: { rev, content } }),
    copy: (name: string, version: number) => route.copy.$post({ param, json: { name, version } }),
    exportJson: () => route["export.json"].$get({ param }),
    exportXlsx: () => route["export.xlsx"].$get({ param }),
  };
};
/** A raw workbook upload: the typed client sends only JSON bodies, so this is a plain request. */
const IMPORT_XLSX = "/api/t/sichuan/criteria-systems/import.xlsx";
const SYSTEMS_PATH = "/api/t/sichuan/criteria-systems";

const small = (name = "测试体系"): NewSystem => ({
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
    const list = await ok(systems(reviewer).list());
    expect(list.items).toContainEqual({ id: DEMO, name: demoCriteria("sichuan").name, version: 1, frozen: false });
    const body = await ok(system(reviewer, DEMO).get());
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
    const created = await ok(systems(admin).create(small()), 201);
    expect(created.methodShares).toEqual([
      { method: "material", points: 4, share: 0.4 },
      { method: "onsite", points: 6, share: 0.6 },
    ]);
    const wrongTotal = await failure(systems(admin).create({ ...small(), maxTotal: 12 }), 400);
    expect(Object.keys(wrongTotal.error.fields ?? {})).toEqual(["maxTotal"]);
    const dup = small();
    dup.bonusItems = [{ code: "A1.1", title: "重复", maxPoints: 5, method: "material" }];
    expect(await statusOf(systems(admin).create(dup))).toBe(400);
    const zero = small();
    const firstItem = zero.categories[0]?.items[0];
    if (firstItem) firstItem.maxPoints = 0;
    expect(await statusOf(systems(admin).create(zero))).toBe(400);
    // Plain request: a field the body's type does not have, on purpose.
    expect((await call(SYSTEMS_PATH, { body: { ...small(), frozen: true }, cookie: admin })).status).toBe(400);
  });

  it("refuses a grade scale whose shares do not fall or whose names repeat, and creates nothing", async () => {
    const before = await ok(systems(admin).list());
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
      const refused = await failure(systems(admin).create(doc), 400);
      expect(Object.keys(refused.error.fields ?? {})).toEqual(["items.A1.2"]);
    }
    const after = await ok(systems(admin).list());
    expect(after.items).toHaveLength(before.items.length);
  });

  it("edits an unfrozen system over its rev; a stale rev answers 409", async () => {
    const created = await ok(systems(admin).create(small("可编辑体系")), 201);
    const saved = await ok(system(admin, created.id).save(1, { ...small("可编辑体系"), version: 2 }));
    expect(saved).toMatchObject({ version: 2, rev: 2 });
    expect(await statusOf(system(admin, created.id).save(1, small("可编辑体系")))).toBe(409);
  });

  it("a system used by a round is frozen: edits answer 409; a copy is editable", async () => {
    const created = await ok(systems(admin).create(small("将被使用")), 201);
    const round = await tenantApi(admin).rounds.$post({
      param: { tenant: "sichuan" },
      json: { title: "冻结测试评选", level: "city", kind: "selection", year: 2026, criteriaSystemId: created.id },
    });
    expect(round.status).toBe(201);
    const view = await ok(system(admin, created.id).get());
    expect(view.frozen).toBe(true);
    const edit = await failure(system(admin, created.id).save(view.rev, small("将被使用")), 409);
    expect(edit).toMatchObject({ error: { code: "criteria_frozen" } });
    const copy = await ok(system(admin, created.id).copy("将被使用（2027年版）", 2), 201);
    expect(copy).toMatchObject({ frozen: false, version: 2, name: "将被使用（2027年版）" });
    expect(copy.categories).toEqual(view.categories);
  });

  it("round-trips the demo system through XLSX export and import", async () => {
    const exported = await system(admin, DEMO).exportXlsx();
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-type")).toBe(XLSX_TYPE);
    const bytes = new Uint8Array(await exported.arrayBuffer());
    expect(bytes.slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
    const original = await ok(system(admin, DEMO).get());
    const imported = (await ok(
      call(IMPORT_XLSX, { body: bytes, cookie: admin, headers: { "content-type": XLSX_TYPE } }),
      201,
    )) as typeof original;
    const { id: _a, rev: _b, frozen: _c, ...before } = original;
    const { id: _d, rev: _e, frozen: _f, ...after } = imported;
    expect(after).toEqual(before);
  });

  it("round-trips through JSON export and import", async () => {
    const exported = await ok(system(admin, DEMO).exportJson());
    const imported = await ok(systems(admin).create({ ...exported, name: "JSON 导入" }), 201);
    expect(imported.categories).toEqual((await ok(system(admin, DEMO).get())).categories);
  });

  it("refuses a workbook that is not XLSX and a JSON body on the XLSX route", async () => {
    const before = (await env.DB.prepare("select count(*) n from criteria_systems").first<{ n: number }>())?.n;
    const garbage = await callJson<ErrorBody>(IMPORT_XLSX, {
      body: new TextEncoder().encode("not a workbook"),
      cookie: admin,
      headers: { "content-type": XLSX_TYPE },
    });
    expect(garbage.status).toBe(400);
    // Plain request: a JSON body where the route takes a workbook, on purpose.
    expect((await call(IMPORT_XLSX, { body: {}, cookie: admin })).status).toBe(415);
    expect((await env.DB.prepare("select count(*) n from criteria_systems").first<{ n: number }>())?.n).toBe(before);
  });

  it("is edited by tenant admins only; other tenants get 404", async () => {
    expect(await statusOf(systems(reviewer).create(small()))).toBe(403);
    expect(await statusOf(system(reviewer, DEMO).copy("副本", 3))).toBe(403);
    const { hubeiAdmin: hubei } = await signInAll("hubeiAdmin");
    expect(await statusOf(system(hubei, DEMO).get())).toBe(404);
    expect(await statusOf(system(hubei, DEMO, "hubei").get())).toBe(404);
    expect(await statusOf(system(hubei, DEMO, "hubei").exportXlsx())).toBe(404);
    expect(await statusOf(systems(undefined).list())).toBe(401);
  });
});
