import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/demo.ts";
import { beijingYear } from "../../worker/domain/record-rules.ts";
import { call, failure, ok, signIn, statusOf, tenantApi } from "./client.ts";
import { PATHS, PLACES, signInAll, UNITS } from "./fixtures.ts";

/** The three rollups as this caller, in a tenant (sichuan unless said). */
const rollups = (cookie: string | undefined, tenant = "sichuan") => {
  const route = tenantApi(cookie).rollups;
  const param = { tenant };
  return {
    programs: (year?: number) => route.programs.$get({ param, query: year === undefined ? {} : { year } }),
    measures: () => route.measures.$get({ param, query: {} }),
    records: (year?: number) => route.records.$get({ param, query: year === undefined ? {} : { year } }),
  };
};

const YEAR = beijingYear(new Date());
const KEXIE = UNITS.deyangKexie;
const EDUCATION = UNITS.deyangEducation;
const DAZHOU = UNITS.dazhouVocational;
const DEYANG_PATH = PATHS.deyang;
const DAZHOU_PATH = PATHS.dazhou;

let province: string;
let deyang: string;
let dazhou: string;
let admin: string;
let staff: string;
let department: string;
let hubeiAdmin: string;
/** An approved generated unit in 德阳市 and one not yet approved, both from the demo seed. */
let deyangOther: string;
let deyangPending: string;

const one = async <T>(query: string, ...binds: (string | number)[]) =>
  (await env.DB.prepare(query)
    .bind(...binds)
    .first<T>()) as T;
const activeUnits = async (path: string, extra = "1 = 1") =>
  (
    await one<{ n: number }>(
      `select count(*) n from units where tenant_id = 't-sichuan' and status = 'active' and jurisdiction_path >= ?
         and jurisdiction_path < ? || char(65535) and ${extra}`,
      path,
      path,
    )
  ).n;

async function insertProgram(
  id: string,
  tenantId: string,
  unitId: string,
  years: [number, number],
  measures: Array<[string, string]> = [],
  status = "published",
) {
  await env.DB.prepare(
    `insert into programs (id, tenant_id, unit_id, title, start_year, end_year, target_level, status, draft,
       published_version, updated_at) values (?, ?, ?, ?, ?, ?, 'city', ?, '{}', 1, '2026-01-01T00:00:00.000Z')`,
  )
    .bind(id, tenantId, unitId, `方案 ${id}`, years[0], years[1], status)
    .run();
  for (const [position, [departments, measureStatus]] of measures.entries()) {
    await env.DB.prepare(
      `insert into program_measures (id, tenant_id, unit_id, program_id, measure_key, position, title, departments,
         progress, status) values (?, ?, ?, ?, ?, ?, '措施', ?, 0, ?)`,
    )
      .bind(`${id}-${position}`, tenantId, unitId, id, `m${position}`, position, departments, measureStatus)
      .run();
  }
}

async function insertRecord(
  unitId: string,
  date: string,
  kind: string,
  values: { people?: number; quantity?: number; unit?: string; deleted?: boolean; tenantId?: string } = {},
) {
  await env.DB.prepare(
    `insert into records (id, tenant_id, unit_id, date, kind, title, people, quantity, quantity_unit, created_by,
       deleted_at) values (?, ?, ?, ?, ?, '台账', ?, ?, ?, 'test', ?)`,
  )
    .bind(
      crypto.randomUUID(),
      values.tenantId ?? "t-sichuan",
      unitId,
      date,
      kind,
      values.people ?? null,
      values.quantity ?? null,
      values.unit ?? null,
      values.deleted ? "2026-01-01T00:00:00.000Z" : null,
    )
    .run();
}

beforeAll(async () => {
  ({
    sichuanProvince: province,
    deyang,
    dazhou,
    sichuanAdmin: admin,
    sichuanUnit: staff,
    hubeiAdmin,
  } = await signInAll("sichuanProvince", "deyang", "dazhou", "sichuanAdmin", "sichuanUnit", "hubeiAdmin"));
  // A department account (部门会签) over 德阳市, sharing the demo password hash.
  await env.DB.batch([
    env.DB.prepare(
      `insert into users (id, email, display_name, password_hash, status)
       select 'user-dept', 'dept@sichuan.test', '宣传部', password_hash, 'active' from users where email = 'admin@sichuan.demo'`,
    ),
    env.DB.prepare(
      `insert into memberships (id, user_id, tenant_id, role, jurisdiction_id, department)
       values ('m-dept', 'user-dept', 't-sichuan', 'department', ?, '宣传部')`,
    ).bind(PLACES.deyang),
  ]);
  department = await signIn("dept@sichuan.test", DEMO_PASSWORD);
  const units = (status: string) =>
    one<{ id: string }>(
      "select id from units where tenant_id = 't-sichuan' and city_id = 'sichuan-j-510600' and status = ? and id like 'sichuan-u-1%' order by id limit 1",
      status,
    );
  deyangOther = (await units("active")).id;
  deyangPending = (await units("pending")).id;

  await insertProgram(
    "p-kexie",
    "t-sichuan",
    KEXIE,
    [YEAR - 1, YEAR + 1],
    [
      ['["办公室","宣传部"]', "done"],
      ['["办公室"]', "in_progress"],
      ["[]", "not_started"],
      ["not json", "not_started"],
    ],
  );
  await insertProgram("p-kexie-old", "t-sichuan", KEXIE, [YEAR - 4, YEAR - 2]);
  await insertProgram("p-education", "t-sichuan", EDUCATION, [YEAR - 6, YEAR - 4]);
  await insertProgram(
    "p-dazhou",
    "t-sichuan",
    DAZHOU,
    [YEAR, YEAR + 2],
    [
      ['["办公室"]', "blocked"],
      ['["教务处"]', "done"],
    ],
  );
  await insertProgram("p-draft", "t-sichuan", deyangOther, [YEAR, YEAR + 2], [['["办公室"]', "done"]], "draft");
  await insertProgram("p-pending", "t-sichuan", deyangPending, [YEAR, YEAR + 2], [['["办公室"]', "done"]]);
  await insertProgram("p-hubei", "t-hubei", UNITS.dayeKexie, [YEAR, YEAR + 2], [['["办公室"]', "done"]]);

  await insertRecord(KEXIE, `${YEAR}-01-15`, "study", { people: 30 });
  await insertRecord(KEXIE, `${YEAR}-03-05`, "volunteer", { people: 10, quantity: 20, unit: "hours" });
  await insertRecord(KEXIE, `${YEAR}-03-20`, "volunteer", { people: 5, quantity: 12.5, unit: "hours" });
  await insertRecord(KEXIE, `${YEAR}-02-10`, "activity", { quantity: 3, unit: "count" });
  await insertRecord(KEXIE, `${YEAR}-02-11`, "activity", { people: 99, deleted: true });
  await insertRecord(KEXIE, `${YEAR - 1}-12-31`, "study", { people: 7 });
  await insertRecord(DAZHOU, `${YEAR}-03-01`, "study", { people: 100 });
  await insertRecord(deyangPending, `${YEAR}-03-01`, "study", { people: 1000 });
  await insertRecord(UNITS.dayeKexie, `${YEAR}-03-01`, "study", { people: 5000, tenantId: "t-hubei" });
});

describe("program rollup", () => {
  it("counts approved units in the province and those with a published program covering the year", async () => {
    const body = await ok(rollups(province).programs());
    expect(body.year).toBe(YEAR);
    expect(body.totals).toEqual({ units: await activeUnits("/510000/"), withProgram: 2 });
    const deyangRow = body.byCity.find((c) => c.code === "510600");
    expect(deyangRow).toEqual({
      id: PLACES.deyang,
      code: "510600",
      name: "德阳市",
      units: await activeUnits(DEYANG_PATH),
      withProgram: 1,
    });
    expect(body.byCity.find((c) => c.code === "511700")).toMatchObject({
      units: await activeUnits(DAZHOU_PATH),
      withProgram: 1,
    });
    expect(body.byCity.reduce((n, c) => n + c.units, 0)).toBe(body.totals.units);
    expect(body.byCity.reduce((n, c) => n + c.withProgram, 0)).toBe(2);
    expect(body.bySector.find((s) => s.id === "sichuan-sector-science")).toMatchObject({
      name: expect.any(String),
      units: await activeUnits("/510000/", "sector_id = 'sichuan-sector-science'"),
      withProgram: 1,
    });
    expect(body.bySector.find((s) => s.id === "sichuan-sector-education")?.withProgram).toBe(1);
    expect(body.byKind.find((k) => k.id === "sichuan-kind-school")?.withProgram).toBe(1);
    expect(body.byKind.find((k) => k.id === "sichuan-kind-association")?.withProgram).toBe(1);
    expect(body.byKind.reduce((n, k) => n + k.units, 0)).toBe(body.totals.units);
  });

  it("a 德阳市 reviewer's rollup counts only 德阳市 units", async () => {
    const body = await ok(rollups(deyang).programs());
    expect(body.totals).toEqual({ units: await activeUnits(DEYANG_PATH), withProgram: 1 });
    expect(body.byCity.map((c) => c.code)).toEqual(["510600"]);
    expect(body.bySector.reduce((n, s) => n + s.units, 0)).toBe(body.totals.units);
    const past = await ok(rollups(deyang).programs(YEAR - 5));
    expect(past).toMatchObject({ year: YEAR - 5, totals: { withProgram: 1 } });
    const dazhouView = await ok(rollups(dazhou).programs());
    expect(dazhouView.totals).toEqual({ units: await activeUnits(DAZHOU_PATH), withProgram: 1 });
  });

  it("another tenant sees only its own units", async () => {
    const body = await ok(rollups(hubeiAdmin, "hubei").programs());
    const hubeiActive = await one<{ n: number }>(
      "select count(*) n from units where tenant_id = 't-hubei' and status = 'active'",
    );
    expect(body.totals).toEqual({ units: hubeiActive.n, withProgram: 1 });
    expect(JSON.stringify(body)).not.toContain("sichuan");
  });
});

describe("measure rollup", () => {
  it("counts published measures of approved units by 责任部室 and by status", async () => {
    const body = await ok(rollups(province).measures());
    expect(body).toEqual({
      byDepartment: [
        { department: "办公室", total: 3, done: 1, inProgress: 1, notStarted: 0, blocked: 1 },
        { department: "宣传部", total: 1, done: 1, inProgress: 0, notStarted: 0, blocked: 0 },
        { department: "教务处", total: 1, done: 1, inProgress: 0, notStarted: 0, blocked: 0 },
      ],
      byStatus: [
        { status: "not_started", count: 2 },
        { status: "in_progress", count: 1 },
        { status: "done", count: 2 },
        { status: "blocked", count: 1 },
      ],
    });
  });

  it("a 德阳市 reviewer or department account counts only 德阳市 units", async () => {
    for (const cookie of [deyang, department]) {
      const body = await ok(rollups(cookie).measures());
      expect(body).toEqual({
        byDepartment: [
          { department: "办公室", total: 2, done: 1, inProgress: 1, notStarted: 0, blocked: 0 },
          { department: "宣传部", total: 1, done: 1, inProgress: 0, notStarted: 0, blocked: 0 },
        ],
        byStatus: [
          { status: "not_started", count: 2 },
          { status: "in_progress", count: 1 },
          { status: "done", count: 1 },
          { status: "blocked", count: 0 },
        ],
      });
    }
  });
});

describe("record rollup", () => {
  it("sums a year's live records of approved units by kind and by month", async () => {
    const body = await ok(rollups(admin).records(YEAR));
    expect(body).toEqual({
      year: YEAR,
      byKind: [
        { kind: "study", count: 2, people: 130, hours: 0 },
        { kind: "volunteer", count: 2, people: 15, hours: 32.5 },
        { kind: "activity", count: 1, people: 0, hours: 0 },
        { kind: "rule", count: 0, people: 0, hours: 0 },
        { kind: "honour", count: 0, people: 0, hours: 0 },
        { kind: "other", count: 0, people: 0, hours: 0 },
      ],
      byMonth: [
        { month: `${YEAR}-01`, kind: "study", count: 1 },
        { month: `${YEAR}-02`, kind: "activity", count: 1 },
        { month: `${YEAR}-03`, kind: "study", count: 1 },
        { month: `${YEAR}-03`, kind: "volunteer", count: 2 },
      ],
    });
  });

  it("a 德阳市 reviewer's record rollup counts only 德阳市 units; the default year is this year", async () => {
    const body = await ok(rollups(deyang).records());
    expect(body.year).toBe(YEAR);
    expect(body.byKind.slice(0, 3)).toEqual([
      { kind: "study", count: 1, people: 30, hours: 0 },
      { kind: "volunteer", count: 2, people: 15, hours: 32.5 },
      { kind: "activity", count: 1, people: 0, hours: 0 },
    ]);
    expect(body.byMonth).toHaveLength(3);
    const lastYear = await ok(rollups(deyang).records(YEAR - 1));
    expect(lastYear.byKind[0]).toEqual({ kind: "study", count: 1, people: 7, hours: 0 });
  });
});

describe("who may read rollups", () => {
  const names = ["programs", "measures", "records"] as const;
  const paths = names.map((r) => `/api/t/sichuan/rollups/${r}`);

  it("unit staff get 403, anonymous 401, other tenants 404", async () => {
    for (const name of names) {
      expect(await statusOf(rollups(staff)[name]()), name).toBe(403);
      expect(await statusOf(rollups(undefined)[name]()), name).toBe(401);
      expect(await statusOf(rollups(hubeiAdmin)[name]()), name).toBe(404);
      expect(await statusOf(rollups(department)[name]()), name).toBe(200);
    }
  });

  it("refuses bad years and unknown parameters with 400", async () => {
    // Plain requests: values and fields the query's types do not allow, on purpose.
    for (const query of ["?year=abc", "?year=1999", "?year=2026.5", "?year=2026&tenantId=t-hubei", "?unit=x"]) {
      const body = await failure(call(`${paths[0]}${query}`, { cookie: province }), 400);
      expect(body.error.code, query).toBe("validation_failed");
    }
    expect((await call(`${paths[1]}?year=2026`, { cookie: province })).status).toBe(400);
  });
});
