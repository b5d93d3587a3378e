import { env } from "cloudflare:workers";
import type { InferRequestType, InferResponseType } from "hono/client";
import { beforeAll, describe, expect, it } from "vitest";
import {
  applicationFound,
  applicationLookup,
  criteriaOfApplication,
  evidenceFileById,
  evidenceFileDelete,
  evidenceFileInsert,
  filesOf,
  findApplicationOf,
  itemsOf,
  listApplications,
} from "../../worker/data/applications.ts";
import { createDb } from "../../worker/data/db.ts";
import { roundCriteria, roundLookup, roundOfApplication } from "../../worker/data/rounds.ts";
import type { Scope } from "../../worker/data/scope.ts";
import { applicationRef, unitRef } from "../../worker/data/unit-access.ts";
import { api, call, failure, ok, signIn, statusOf, tenantApi } from "./client.ts";
import {
  PATHS,
  PLACES,
  PNG,
  publishedProgram,
  REGISTRATION_PASSWORD,
  registration,
  signInAll,
  UNITS,
} from "./fixtures.ts";
import { count } from "./rows.ts";

/**
 * Applications (self-assessment, evidence) and rounds are reachable only through a proof of scope: each
 * converted data function, through its routes and called directly with a ref built from a scope that does
 * not cover the material, reads and writes nothing. Round settings name only the tenant's own cities and
 * sectors; unit staff see rounds from applications_open on and only the criteria systems of those rounds.
 */
const UNIT = UNITS.deyangKexie;
const sichuan = { tenant: "sichuan" };

type Api = ReturnType<typeof tenantApi>;
type NewSystem = InferRequestType<Api["criteria-systems"]["$post"]>["json"];
type NewRound = InferRequestType<Api["rounds"]["$post"]>["json"];
type RoundSettings = NonNullable<NewRound["settings"]>;
type Round = InferResponseType<Api["rounds"][":id"]["$get"], 200>;
type Application = InferResponseType<Api["applications"][":id"]["$get"], 200>;

let admin: string;
let staff: string;
let deyang: string;
let dazhou: string;
let hubeiAdmin: string;
/** Staff of another (pending) unit in 德阳's 旌阳区. */
let otherStaff: string;
let otherUnitId: string;
let systemId: string;
let openRound: Round;
let app: Application;
let fileId: string;

const system = (name: string): NewSystem => ({
  name,
  version: 1,
  maxTotal: 10,
  categories: [
    {
      code: "A1",
      title: "组织领导",
      items: [{ code: "A1.1", title: "制定创建规划", maxPoints: 10, method: "material", evidence: { minFiles: 1 } }],
    },
  ],
});

const newRound = (json: Partial<NewRound> & { title: string }) =>
  tenantApi(admin).rounds.$post({
    param: sichuan,
    json: { level: "city", kind: "selection", year: 2026, criteriaSystemId: systemId, ...json },
  });

const getApplication = (cookie: string, id: string, tenant = "sichuan") =>
  tenantApi(cookie).applications[":id"].$get({ param: { tenant, id } });

/** A raw evidence upload to the application's A1.1: the typed client sends only JSON bodies, so this is a plain request. */
const upload = (cookie: string, name: string) =>
  call(`/api/t/sichuan/applications/${app.id}/items/A1.1/files?name=${name}`, {
    method: "POST",
    body: PNG,
    cookie,
    headers: { "content-type": "image/png" },
  });

/** A self-registered unit in 旌阳区 whose staff can sign in (pending: they see their own unit only). */
async function registerOtherUnit() {
  const serial = 700_001;
  const password = REGISTRATION_PASSWORD;
  const email = `scope-refs-${serial}@unit.test`;
  const registered = await ok(
    api().api.tenants[":slug"].registrations.$post(
      {
        param: { slug: "sichuan" },
        json: registration(serial, { unit: { name: `旌阳区范围测试单位${serial}` }, account: { email, password } }),
      },
      { headers: { "cf-connecting-ip": "198.18.7.1" } },
    ),
    201,
  );
  return { unitId: registered.unitId, cookie: await signIn(email, password) };
}

beforeAll(async () => {
  ({
    sichuanAdmin: admin,
    sichuanUnit: staff,
    deyang,
    dazhou,
    hubeiAdmin,
  } = await signInAll("sichuanAdmin", "sichuanUnit", "deyang", "dazhou", "hubeiAdmin"));
  ({ unitId: otherUnitId, cookie: otherStaff } = await registerOtherUnit());
  systemId = (
    await ok(tenantApi(admin)["criteria-systems"].$post({ param: sichuan, json: system("范围测试体系") }), 201)
  ).id;
  await publishedProgram(staff);
  const created = await ok(newRound({ title: "范围测试评选" }), 201);
  openRound = await ok(
    tenantApi(admin).rounds[":id"].advance.$post({ param: { ...sichuan, id: created.id }, json: { version: 1 } }),
  );
  app = await ok(
    tenantApi(staff).rounds[":roundId"].applications.$post({
      param: { ...sichuan, roundId: openRound.id },
      json: { channel: "city" },
    }),
    201,
  );
  app = await ok(
    tenantApi(staff).applications[":id"].items[":code"].$put({
      param: { ...sichuan, id: app.id, code: "A1.1" },
      json: { version: app.version, selfPoints: 8, note: "已印发创建规划" },
    }),
  );
  app = (await ok(upload(staff, "plan.png"), 201)) as Application;
  fileId = app.items[0]?.files[0]?.id ?? "";
  expect(fileId).not.toBe("");
});

describe("an application and its evidence through the routes: 404 outside the caller's scope", () => {
  it("GET /applications/{id}: the unit and its city read it; another city, another unit, another tenant get 404", async () => {
    expect((await ok(getApplication(staff, app.id))).id).toBe(app.id);
    expect((await ok(getApplication(deyang, app.id))).items[0]?.selfPoints).toBe(8);
    expect(await statusOf(getApplication(dazhou, app.id))).toBe(404);
    expect(await statusOf(getApplication(otherStaff, app.id))).toBe(404);
    expect(await statusOf(getApplication(hubeiAdmin, app.id, "hubei"))).toBe(404);
    expect(await statusOf(getApplication(hubeiAdmin, app.id))).toBe(404);
  });

  it("GET /evidence-files/{id}: 404 for another city, another unit, another tenant", async () => {
    const file = (cookie: string, tenant = "sichuan") =>
      tenantApi(cookie)["evidence-files"][":id"].$get({ param: { tenant, id: fileId } });
    expect(await statusOf(file(deyang))).toBe(200);
    expect(await statusOf(file(dazhou))).toBe(404);
    expect(await statusOf(file(otherStaff))).toBe(404);
    expect(await statusOf(file(hubeiAdmin, "hubei"))).toBe(404);
  });

  it("GET /rounds/{roundId}/applications: another city's reviewer and another unit list nothing", async () => {
    const list = (cookie: string) =>
      tenantApi(cookie).rounds[":roundId"].applications.$get({
        param: { ...sichuan, roundId: openRound.id },
        query: {},
      });
    const seen = await ok(list(deyang));
    expect(seen.items).toEqual([expect.objectContaining({ id: app.id, completeness: { complete: 1, required: 1 } })]);
    expect(seen.total).toBe(1);
    expect((await ok(list(dazhou))).items).toEqual([]);
    expect((await ok(list(otherStaff))).items).toEqual([]);
    expect(
      await statusOf(
        tenantApi(hubeiAdmin).rounds[":roundId"].applications.$get({
          param: { tenant: "hubei", roundId: openRound.id },
          query: {},
        }),
      ),
    ).toBe(404);
  });

  it("GET /rounds/{roundId}/eligibility: a unit outside the caller's scope is 404", async () => {
    const standing = (cookie: string, unitId: string, tenant = "sichuan") =>
      tenantApi(cookie).rounds[":roundId"].eligibility.$get({
        param: { tenant, roundId: openRound.id },
        query: { unitId },
      });
    expect(await statusOf(standing(deyang, UNIT))).toBe(200);
    expect(await statusOf(standing(dazhou, UNIT))).toBe(404);
    expect(await statusOf(standing(otherStaff, UNIT))).toBe(404);
    expect(await statusOf(standing(hubeiAdmin, UNIT, "hubei"))).toBe(404);
  });

  it("writes: saving an item, uploading, removing a file and submitting are 404 outside the scope; nothing changes", async () => {
    const before = await count("select count(*) n from evidence_files where application_id = ?", app.id);
    for (const cookie of [dazhou, otherStaff]) {
      const save = tenantApi(cookie).applications[":id"].items[":code"].$put({
        param: { ...sichuan, id: app.id, code: "A1.1" },
        json: { version: app.version, selfPoints: 1, note: "越权" },
      });
      expect(await statusOf(save)).toBe(404);
      expect(await statusOf(upload(cookie, "x.png"))).toBe(404);
      const remove = tenantApi(cookie).applications[":id"].files[":fileId"].delete.$post({
        param: { ...sichuan, id: app.id, fileId },
        json: { version: app.version },
      });
      expect(await statusOf(remove)).toBe(404);
      const submit = tenantApi(cookie).applications[":id"].submit.$post({
        param: { ...sichuan, id: app.id },
        json: { version: app.version },
      });
      expect(await statusOf(submit)).toBe(404);
    }
    expect(await count("select count(*) n from evidence_files where application_id = ?", app.id)).toBe(before);
    expect((await ok(getApplication(staff, app.id))).version).toBe(app.version);
  });
});

describe("the data functions called directly with a ref built from a scope that does not cover the material", () => {
  const db = () => createDb(env.DB);
  const scopes: Record<string, Scope> = {
    "another city's reviewer": {
      tenantId: "t-sichuan",
      tenantSlug: "sichuan",
      userId: "u",
      role: "reviewer",
      jurisdictionPath: PATHS.dazhou,
      unitId: null,
      department: null,
    },
    "another unit's staff": {
      tenantId: "t-sichuan",
      tenantSlug: "sichuan",
      userId: "u",
      role: "unit_staff",
      jurisdictionPath: null,
      unitId: UNITS.dazhouVocational,
      department: null,
    },
    "another tenant's admin": {
      tenantId: "t-hubei",
      tenantSlug: "hubei",
      userId: "u",
      role: "tenant_admin",
      jurisdictionPath: "/420000/",
      unitId: null,
      department: null,
    },
  };
  const inScope: Scope = { ...scopes["another city's reviewer"], jurisdictionPath: PATHS.deyang } as Scope;

  it("the reads find the material in scope (the control)", async () => {
    const d = db();
    const ref = applicationRef(d, inScope, app.id);
    const [found, round, criteria, items, files, existing, file] = await d.batch([
      applicationLookup(d, ref),
      roundOfApplication(d, ref),
      criteriaOfApplication(d, ref),
      itemsOf(d, ref),
      filesOf(d, ref),
      findApplicationOf(d, unitRef(d, inScope, UNIT), openRound.id),
      evidenceFileById(d, inScope, fileId),
    ]);
    expect(applicationFound(found).id).toBe(app.id);
    expect([round.length, criteria.length, items.length, files.length, existing.length, file.length]).toEqual([
      1, 1, 1, 1, 1, 1,
    ]);
    // The guarded insert and the delete do write in scope (then the forged row is gone again).
    const before = await count("select count(*) n from evidence_files where application_id = ?", app.id);
    const forged = evidenceFileInsert(
      d,
      ref,
      { itemCode: "A1.1", key: "tenants/t-sichuan/forged", name: "forged.png", contentType: "image/png", size: 1 },
      10,
    );
    await d.batch([forged.statement]);
    expect(await count("select count(*) n from evidence_files where application_id = ?", app.id)).toBe(before + 1);
    await d.batch([evidenceFileDelete(d, ref, forged.id)]);
    expect(await count("select count(*) n from evidence_files where application_id = ?", app.id)).toBe(before);
  });

  for (const [who, scope] of Object.entries(scopes)) {
    it(`${who}: every read returns nothing`, async () => {
      const d = db();
      const ref = applicationRef(d, scope, app.id);
      const listed = listApplications(d, scope, openRound.id, {}, { page: 1, pageSize: 20, offset: 0 });
      const [found, round, criteria, items, files, existing, file, page, pageItems, pageFiles, roundRows, systemRows] =
        await d.batch([
          applicationLookup(d, ref),
          roundOfApplication(d, ref),
          criteriaOfApplication(d, ref),
          itemsOf(d, ref),
          filesOf(d, ref),
          findApplicationOf(d, unitRef(d, scope, UNIT), openRound.id),
          evidenceFileById(d, scope, fileId),
          ...listed.statements,
          roundLookup(d, scope, openRound.id),
          roundCriteria(d, scope, openRound.id),
        ]);
      expect(() => applicationFound(found)).toThrow("not_found");
      expect({ round, criteria, items, files, existing, file, page, pageItems, pageFiles }).toEqual({
        round: [],
        criteria: [],
        items: [],
        files: [],
        existing: [],
        file: [],
        page: [],
        pageItems: [],
        pageFiles: [],
      });
      // The round itself is the tenant's: seen in its own tenant, not in another.
      expect(roundRows.length).toBe(scope.tenantId === "t-sichuan" ? 1 : 0);
      expect(systemRows.length).toBe(scope.tenantId === "t-sichuan" ? 1 : 0);
    });

    it(`${who}: the evidence file insert and delete write nothing`, async () => {
      const d = db();
      const ref = applicationRef(d, scope, app.id);
      const before = await count("select count(*) n from evidence_files where application_id = ?", app.id);
      const insert = evidenceFileInsert(
        d,
        ref,
        { itemCode: "A1.1", key: "tenants/t-sichuan/forged", name: "forged.png", contentType: "image/png", size: 1 },
        10,
      );
      await d.batch([insert.statement, evidenceFileDelete(d, ref, fileId)]);
      expect(await count("select count(*) n from evidence_files where application_id = ?", app.id)).toBe(before);
      expect(await count("select count(*) n from evidence_files where id = ?", fileId)).toBe(1);
    });
  }
});

describe("round settings name only the tenant's own cities and sectors", () => {
  const settings = (over: RoundSettings): RoundSettings => ({ quotas: { perCity: [], perSector: [] }, ...over });

  it("a quota pool or sector channel naming another tenant's or a made-up city or sector is a 400 naming the field", async () => {
    const cases: Array<[RoundSettings, string]> = [
      [
        settings({ quotas: { perCity: [{ cityId: PLACES.huangshi, quota: 3 }], perSector: [] } }),
        "settings.quotas.perCity.0.cityId",
      ],
      [
        settings({ quotas: { perCity: [{ cityId: "sichuan-j-999999", quota: 3 }], perSector: [] } }),
        "settings.quotas.perCity.0.cityId",
      ],
      // A county is not a city.
      [
        settings({ quotas: { perCity: [{ cityId: PLACES.jingyang, quota: 3 }], perSector: [] } }),
        "settings.quotas.perCity.0.cityId",
      ],
      [
        settings({ quotas: { perCity: [], perSector: [{ sectorId: "hubei-sector-culture", quota: 2 }] } }),
        "settings.quotas.perSector.0.sectorId",
      ],
      [settings({ sectorChannels: ["sichuan-sector-culture", "sichuan-sector-made-up"] }), "settings.sectorChannels.1"],
      [settings({ sectorChannels: ["hubei-sector-culture"] }), "settings.sectorChannels.0"],
    ];
    const before = await count("select count(*) n from rounds where tenant_id = 't-sichuan'");
    for (const [body, field] of cases) {
      const refused = await failure(newRound({ title: "配额校验评选", settings: body }), 400);
      expect(Object.keys(refused.error.fields ?? {}), JSON.stringify(body)).toEqual([field]);
    }
    expect(await count("select count(*) n from rounds where tenant_id = 't-sichuan'")).toBe(before);

    const fine = await ok(
      newRound({
        title: "配额正确评选",
        settings: {
          quotas: {
            perCity: [{ cityId: PLACES.deyang, quota: 5 }],
            perSector: [{ sectorId: "sichuan-sector-culture", quota: 2 }],
          },
          sectorChannels: ["sichuan-sector-culture"],
        },
      }),
      201,
    );
    const edit = (over: RoundSettings) =>
      tenantApi(admin).rounds[":id"].$put({
        param: { ...sichuan, id: fine.id },
        json: {
          version: fine.version,
          title: fine.title,
          level: "city",
          kind: "selection",
          year: 2026,
          settings: settings(over),
        },
      });
    const refused = await failure(edit({ sectorChannels: ["hubei-sector-culture"] }), 400);
    expect(Object.keys(refused.error.fields ?? {})).toEqual(["settings.sectorChannels.0"]);
    expect(await statusOf(edit({ sectorChannels: ["sichuan-sector-culture"] }))).toBe(200);
  });
});

describe("what unit staff see of rounds and criteria systems", () => {
  it("no draft round (404, not listed), but an open one; only the criteria system of a round they can see", async () => {
    const draftSystem = (
      await ok(tenantApi(admin)["criteria-systems"].$post({ param: sichuan, json: system("草稿评选体系") }), 201)
    ).id;
    const unused = (
      await ok(tenantApi(admin)["criteria-systems"].$post({ param: sichuan, json: system("未使用体系") }), 201)
    ).id;
    const draft = await ok(newRound({ title: "尚未开放的评选", criteriaSystemId: draftSystem }), 201);

    const round = (cookie: string, id: string) => tenantApi(cookie).rounds[":id"].$get({ param: { ...sichuan, id } });
    const rounds = async (cookie: string) =>
      (await ok(tenantApi(cookie).rounds.$get({ param: sichuan }))).items.map((r) => r.id);
    expect(await statusOf(round(staff, draft.id))).toBe(404);
    expect(await rounds(staff)).not.toContain(draft.id);
    expect(await rounds(staff)).toContain(openRound.id);
    expect((await ok(round(staff, openRound.id))).phase).toBe("applications_open");
    expect(
      await statusOf(
        tenantApi(staff).rounds[":roundId"].eligibility.$get({ param: { ...sichuan, roundId: draft.id }, query: {} }),
      ),
    ).toBe(404);
    // Reviewers and admins still see the draft.
    expect(await statusOf(round(deyang, draft.id))).toBe(200);
    expect(await rounds(admin)).toContain(draft.id);

    const criteria = (cookie: string, id: string) =>
      tenantApi(cookie)["criteria-systems"][":id"].$get({ param: { ...sichuan, id } });
    const systems = async (cookie: string) =>
      (await ok(tenantApi(cookie)["criteria-systems"].$get({ param: sichuan }))).items.map((s) => s.id);
    expect((await ok(criteria(staff, systemId))).id).toBe(systemId);
    expect(await statusOf(criteria(staff, unused))).toBe(404);
    expect(await statusOf(criteria(staff, draftSystem))).toBe(404);
    expect(await statusOf(criteria(staff, "sichuan-criteria-2026"))).toBe(404);
    const exported = tenantApi(staff)["criteria-systems"][":id"]["export.json"].$get({
      param: { ...sichuan, id: unused },
    });
    expect(await statusOf(exported)).toBe(404);
    expect(await systems(staff)).toEqual([systemId]);
    expect(await systems(admin)).toEqual(expect.arrayContaining([systemId, unused, draftSystem]));
    expect(await statusOf(criteria(deyang, unused))).toBe(200);
  });

  it("staff of another (pending) unit list no draft round either", async () => {
    const rounds = (await ok(tenantApi(otherStaff).rounds.$get({ param: sichuan }))).items;
    expect(rounds.every((r) => r.phase !== "draft")).toBe(true);
    expect(otherUnitId).not.toBe(UNIT);
  });
});
