import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { awardsOfUnit } from "../../worker/data/awards.ts";
import { createDb } from "../../worker/data/db.ts";
import {
  getVersion,
  listPrograms,
  listVersions,
  publishedProgramFor,
  unitMeasureKeys,
} from "../../worker/data/programs.ts";
import { listRecords, measureExists, unitRecordIds } from "../../worker/data/records.ts";
import { unitProgress } from "../../worker/data/rollups.ts";
import type { Scope } from "../../worker/data/scope.ts";
import { unitRef } from "../../worker/data/unit-access.ts";
import { paging } from "../../worker/domain/paging.ts";
import { ok, signIn, statusOf, tenantApi } from "./client.ts";
import { DEMO, PATHS, signInAll, UNITS } from "./fixtures.ts";
import { count } from "./rows.ts";

/**
 * A unit's programs, records, progress and titles are reachable only through a UnitRef built from the
 * caller's scope: through the routes, a reviewer of another city, the staff of another unit and another
 * tenant's users get 404; called directly with a ref from such a scope, the data functions find nothing.
 */
const UNIT = UNITS.deyangKexie;
const OTHER_STAFF_EMAIL = "scope-refs-other-unit@sichuan.demo";

const scopes = {
  /** 德阳市's reviewer: in scope, the control that the queries below find something at all. */
  deyang: reviewerScope("t-sichuan", PATHS.deyang),
  dazhou: reviewerScope("t-sichuan", PATHS.dazhou),
  otherUnit: {
    tenantId: "t-sichuan",
    tenantSlug: "sichuan",
    userId: "user-scope-refs-other",
    role: "unit_staff",
    jurisdictionPath: null,
    unitId: UNITS.deyangEducation,
    department: null,
  },
  /** 湖北's tenant admin, with 四川's unit id. */
  hubei: {
    tenantId: "t-hubei",
    tenantSlug: "hubei",
    userId: "user-scope-refs-hubei",
    role: "tenant_admin",
    jurisdictionPath: "/420000/",
    unitId: null,
    department: null,
  },
} satisfies Record<string, Scope>;
const OUTSIDE = ["dazhou", "otherUnit", "hubei"] as const;

function reviewerScope(tenantId: string, jurisdictionPath: string): Scope {
  return {
    tenantId,
    tenantSlug: "sichuan",
    userId: "user-scope-refs",
    role: "reviewer",
    jurisdictionPath,
    unitId: null,
    department: null,
  };
}

let staff: string;
let deyang: string;
/** Who must get 404 for 德阳市科学技术协会's material, with the tenant in their paths. */
let outsiders: Array<{ who: string; cookie: string; tenant: string }>;
const ids = { program: "", measureKey: "", record: "" };
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  const cookies = await signInAll("sichuanUnit", "deyang", "dazhou", "hubeiAdmin", "hubeiUnit");
  staff = cookies.sichuanUnit;
  deyang = cookies.deyang;
  // Staff of another unit of the same city: 德阳市教育局, signing in with the demo password.
  await env.DB.batch([
    env.DB.prepare(
      `insert or ignore into users (id, email, display_name, password_hash, status, platform_admin, created_at)
       select 'user-scope-refs-other', ?, '教育局填报员', password_hash, 'active', 0, created_at
       from users where email = ?`,
    ).bind(OTHER_STAFF_EMAIL, DEMO.sichuanUnit),
    env.DB.prepare(
      `insert or ignore into memberships (id, user_id, tenant_id, role, unit_id, status, version, created_at)
       values ('m-scope-refs-other', 'user-scope-refs-other', 't-sichuan', 'unit_staff', ?, 'active', 1, ?)`,
    ).bind(UNITS.deyangEducation, new Date().toISOString()),
  ]);
  const otherStaff = await signIn(OTHER_STAFF_EMAIL);
  outsiders = [
    { who: "达州市 reviewer", cookie: cookies.dazhou, tenant: "sichuan" },
    { who: "德阳市教育局 staff", cookie: otherStaff, tenant: "sichuan" },
    { who: "湖北 tenant admin", cookie: cookies.hubeiAdmin, tenant: "hubei" },
    { who: "大冶市科协 staff", cookie: cookies.hubeiUnit, tenant: "hubei" },
  ];

  const api = tenantApi(staff);
  const created = await ok(
    api.units[":unitId"].programs.$post({
      param: { tenant: "sichuan", unitId: UNIT },
      json: {
        title: "范围测试方案",
        startYear: 2026,
        endYear: 2026,
        targetLevel: "city",
        sections: [
          {
            kind: "measures",
            heading: "一、工作措施",
            text: "",
            items: [{ title: "（一）开展道德讲堂", text: "", departments: ["办公室"] }],
          },
        ],
      },
    }),
    201,
  );
  const published = await ok(
    api.programs[":id"].publish.$post({ param: { tenant: "sichuan", id: created.id }, json: { version: 1 } }),
  );
  ids.program = published.id;
  ids.measureKey = published.draft.sections[0]?.items[0]?.id ?? "";
  expect(ids.measureKey).not.toBe("");
  const record = await ok(
    api.units[":unitId"].records.$post({
      param: { tenant: "sichuan", unitId: UNIT },
      json: { date: today, kind: "study", title: "范围测试学习", programId: ids.program, measureKey: ids.measureKey },
    }),
    201,
  );
  ids.record = record.id;
  // Six sign-ins (scrypt) and three writes: more than the default 10 s hook budget on a loaded machine.
}, 60_000);

/** Every GET of the converted area, for this caller and tenant slug. */
function reads(cookie: string, tenant: string) {
  const api = tenantApi(cookie);
  const unit = { tenant, unitId: UNIT };
  const program = { tenant, id: ids.program };
  return {
    programs: () => api.units[":unitId"].programs.$get({ param: unit }),
    versions: () => api.programs[":id"].versions.$get({ param: program }),
    version: () => api.programs[":id"].versions[":number"].$get({ param: { ...program, number: "1" } }),
    diff: () => api.programs[":id"].diff[":from"][":to"].$get({ param: { ...program, from: "1", to: "1" } }),
    records: () => api.units[":unitId"].records.$get({ param: unit, query: {} }),
    filteredRecords: () =>
      api.units[":unitId"].records.$get({ param: unit, query: { measureKey: ids.measureKey, from: today } }),
    progress: () => api.units[":unitId"].progress.$get({ param: unit }),
    awards: () => api.units[":id"].awards.$get({ param: { tenant, id: UNIT } }),
  };
}

describe("the routes of a unit's material", () => {
  it("answer the unit's own staff and its city's reviewer", async () => {
    for (const cookie of [staff, deyang]) {
      for (const [name, read] of Object.entries(reads(cookie, "sichuan"))) {
        expect(await statusOf(read()), name).toBe(200);
      }
    }
  });

  it("answer 404 to another city's reviewer, another unit's staff and another tenant's users", async () => {
    for (const { who, cookie, tenant } of outsiders) {
      for (const [name, read] of Object.entries(reads(cookie, tenant))) {
        expect(await statusOf(read()), `${who}: ${name}`).toBe(404);
      }
    }
  });

  it("refuse writes that would check links (measureExists) to them with 404, writing nothing", async () => {
    for (const { who, cookie, tenant } of outsiders) {
      const api = tenantApi(cookie);
      const create = api.units[":unitId"].records.$post({
        param: { tenant, unitId: UNIT },
        json: { date: today, kind: "study", title: "越权", programId: ids.program, measureKey: ids.measureKey },
      });
      expect(await statusOf(create), who).toBe(404);
      const patch = api.records[":id"].$patch({
        param: { tenant, id: ids.record },
        json: { version: 1, programId: ids.program, measureKey: ids.measureKey },
      });
      expect(await statusOf(patch), who).toBe(404);
    }
    expect(await count("select count(*) n from records where title = ?", "越权")).toBe(0);
  });
});

describe("the data functions themselves, given a ref from a scope that does not cover the unit", () => {
  const db = () => createDb(env.DB);
  const refOf = (scope: Scope) => unitRef(db(), scope, UNIT);
  const now = () => new Date();

  /** What each converted function finds for this scope, as counts (0 = nothing). */
  async function found(scope: Scope) {
    const d = db();
    const ref = refOf(scope);
    const listed = listRecords(d, ref, {}, paging(1, 50));
    const progress = unitProgress(d, ref, now());
    const [records, attachments, programs, versions, version, awards, program, measures, linked, byMonth] =
      await d.batch([
        listed.rows,
        listed.attachments,
        listPrograms(d, ref),
        listVersions(d, scope, ids.program),
        getVersion(d, scope, ids.program, 1),
        awardsOfUnit(d, ref),
        progress.program,
        progress.measures,
        progress.linked,
        progress.byMonth,
      ]);
    return {
      listRecords: records.length + (await listed.page(records, attachments)).total,
      measureExists: Number(await measureExists(d, ref, ids.program, ids.measureKey)),
      unitRecordIds: (await unitRecordIds(d, ref, [ids.record])).length,
      listPrograms: programs.length,
      listVersions: versions.length,
      getVersion: version.length,
      publishedProgramFor: (await publishedProgramFor(d, ref, 2026)).length,
      unitMeasureKeys: (await unitMeasureKeys(d, ref)).length,
      awardsOfUnit: awards.length,
      "unitProgress.program": program.length,
      "unitProgress.measures": measures.length,
      "unitProgress.linked": linked.length,
      "unitProgress.byMonth": byMonth.length,
    };
  }

  it("in scope (德阳市's reviewer) every function finds the unit's material", async () => {
    const counts = await found(scopes.deyang);
    for (const [name, n] of Object.entries(counts)) expect(n, name).toBeGreaterThan(0);
  });

  for (const outside of OUTSIDE) {
    it(`out of scope (${outside}) every function finds nothing`, async () => {
      const counts = await found(scopes[outside]);
      for (const [name, n] of Object.entries(counts)) expect(n, name).toBe(0);
    });
  }
});
