import { env } from "cloudflare:workers";
import type { InferRequestType } from "hono/client";
import { beforeAll, describe, expect, it } from "vitest";
import { beijingToday, beijingYear } from "../../worker/domain/record-rules.ts";
import { call, callJson, type ErrorBody, failure, ok, statusOf, tenantApi } from "./client.ts";
import { PATHS, signInAll, UNITS } from "./fixtures.ts";
import { roundTripsOf } from "./round-trips.ts";
import { count } from "./rows.ts";

// 复查 rounds through the API: enrolment when the round opens, units may not apply, outcomes recorded per
// application in provincial review or notice, and the re-check list. Naming's application of the outcomes is
// tested on its statements in recheck-statements.test.ts.

type Api = ReturnType<typeof tenantApi>;
type OutcomeBody = InferRequestType<Api["applications"][":id"]["title-outcome"]["$put"]>["json"];

const tenant = "sichuan";
const YEAR = beijingYear(new Date());
const today = beijingToday(new Date());
const deadline = `${YEAR + 1}-06-30`;

let admin: string;
let province: string;
let deyang: string;
let dazhou: string;
let staff: string;
let hubeiAdmin: string;
let roundId: string;
let selectionRound: string;
/** The current 市级 holder the test revokes before the round opens: it must not be enrolled. */
let revokedUnit: string;

const rounds = () => tenantApi(admin).rounds;
const advance = async (id: string) => {
  const round = await ok(rounds()[":id"].$get({ param: { tenant, id } }));
  return ok(rounds()[":id"].advance.$post({ param: { tenant, id }, json: { version: round.version } }));
};
const recheckList = (cookie: string | undefined, id = roundId) =>
  tenantApi(cookie).rounds[":id"].recheck.$get({ param: { tenant, id } });
const record = (cookie: string | undefined, id: string, json: OutcomeBody) =>
  tenantApi(cookie).applications[":id"]["title-outcome"].$put({ param: { tenant, id }, json });
const auditCount = () => count("select count(*) n from audit_events where chain = 't-sichuan'");
const appRow = (id: string) => env.DB.prepare("select * from applications where id = ?").bind(id).first();

/** Current 市级 holders of the tenant on `today`, by unit. */
async function currentHolders(): Promise<string[]> {
  const { results } = await env.DB.prepare(
    `select distinct unit_id from awards where tenant_id = 't-sichuan' and level = 'city'
       and status in ('active', 'warned') and named_on <= ?1 and valid_until >= ?1 order by unit_id`,
  )
    .bind(today)
    .all<{ unit_id: string }>();
  return results.map((r) => r.unit_id);
}

async function newRound(title: string, kind: "recheck" | "selection") {
  const created = await ok(
    rounds().$post({
      param: { tenant },
      json: { title, level: "city", kind, year: YEAR, criteriaSystemId: "sichuan-criteria-2026" },
    }),
    201,
  );
  return created.id;
}

beforeAll(async () => {
  ({
    sichuanAdmin: admin,
    sichuanProvince: province,
    deyang,
    dazhou,
    sichuanUnit: staff,
    hubeiAdmin,
  } = await signInAll("sichuanAdmin", "sichuanProvince", "deyang", "dazhou", "sichuanUnit", "hubeiAdmin"));
  // Revoke one current holder (not the demo unit of unit@sichuan.demo) before the round opens.
  const holders = await currentHolders();
  revokedUnit = holders.find((u) => u !== UNITS.deyangKexie) ?? "";
  const titles = await ok(tenantApi(admin).units[":id"].awards.$get({ param: { tenant, id: revokedUnit } }));
  const current = titles.items.find((a) => a.level === "city" && a.held);
  await ok(
    tenantApi(admin).units[":id"].awards[":awardId"].outcome.$post({
      param: { tenant, id: revokedUnit, awardId: current?.id ?? "" },
      json: { outcome: "revoke", reason: "违纪", publicReason: "发生违纪案件", version: current?.version ?? 0 },
    }),
  );
  roundId = await newRound("市级文明单位复查", "recheck");
  selectionRound = await newRound("市级文明单位评选", "selection");
});

describe("enrolment when a re-check round opens", () => {
  it("enrols exactly the current holders of its level (not revoked or expired ones), as drafts holding their title", async () => {
    const holders = await currentHolders();
    expect(holders).not.toContain(revokedUnit);
    // 德阳市教育局 holds only an expired 市级 title.
    expect(holders).not.toContain(UNITS.deyangEducation);
    await advance(roundId);
    const { results } = await env.DB.prepare(
      `select a.unit_id, a.status, a.channel, a.jurisdiction_path = u.jurisdiction_path same_path, w.level, w.status award_status
         from applications a join units u on u.id = a.unit_id join awards w on w.id = a.award_id
         where a.round_id = ? order by a.unit_id`,
    )
      .bind(roundId)
      .all<Record<string, unknown>>();
    expect(results.map((r) => r.unit_id)).toEqual(holders);
    for (const row of results)
      expect(row).toMatchObject({ status: "draft", channel: "city", same_path: 1, level: "city" });
    expect(new Set(results.map((r) => r.award_status))).toEqual(new Set(["active"]));
  });

  it("a unit cannot apply to a re-check round itself (409 recheck_enrolment_only); selection rounds enrol nobody", async () => {
    const refused = await failure(
      tenantApi(staff).rounds[":roundId"].applications.$post({
        param: { tenant, roundId },
        json: { channel: "city" },
      }),
      409,
    );
    expect(refused.error.code).toBe("recheck_enrolment_only");
    await advance(selectionRound);
    expect(await count("select count(*) n from applications where round_id = ?", selectionRound)).toBe(0);
  });
});

describe("PUT /applications/:id/title-outcome", () => {
  let appId: string;
  let version: number;

  it("is refused while applications are open (409 round_applications_open)", async () => {
    const list = await ok(recheckList(admin));
    const mine = list.items.find((i) => i.unit.id === UNITS.deyangKexie);
    appId = mine?.applicationId ?? "";
    version = mine?.version ?? 0;
    const refused = await failure(record(admin, appId, { outcome: "keep", reason: "复查合格", version }), 409);
    expect(refused.error.code).toBe("round_applications_open");
    // Into provincial review: the drafts close as not submitted, as in any round.
    await advance(roundId);
    await advance(roundId);
    const now = await ok(recheckList(admin));
    const entry = now.items.find((i) => i.applicationId === appId);
    expect(entry).toMatchObject({ status: "not_submitted", outcome: null });
    expect(now.round.phase).toBe("province_review");
    version = entry?.version ?? 0;
  });

  it("a provincial reviewer records a warning: stored on the application, not yet on the title; one audit event, two round trips", async () => {
    await recheckList(province); // the session is then known to this isolate: steady state
    const audits = await auditCount();
    const res = await record(province, appId, {
      outcome: "warn",
      reason: "复查材料不全",
      publicReason: "创建材料不全",
      deadline,
      version,
    });
    expect(roundTripsOf(res)).toBe(2);
    const body = await ok(Promise.resolve(res));
    expect(body).toMatchObject({
      applicationId: appId,
      version: version + 1,
      outcome: { outcome: "warn", reason: "复查材料不全", publicReason: "创建材料不全", deadline },
      award: { status: "active", state: "active" },
    });
    expect(body.allowed).toEqual(["keep", "warn", "revoke", "lapse"]);
    expect(await auditCount()).toBe(audits + 1);
    const audit = await env.DB.prepare(
      "select * from audit_events where target_id = ? and action = 'application.title_outcome'",
    )
      .bind(appId)
      .first<Record<string, string>>();
    expect(audit).toMatchObject({ actor_role: "reviewer", target_type: "application", reason: "复查材料不全" });
    version = body.version;
    // Changing it to keep drops the public reason and deadline.
    const kept = await ok(
      record(admin, appId, { outcome: "keep", reason: "复查合格", publicReason: "不应保存", version }),
    );
    expect(kept.outcome).toEqual({ outcome: "keep", reason: "复查合格", publicReason: null, deadline: null });
    version = kept.version;
  });

  it("restoring an active title is 409 title_transition; a stale version is 409 with the entry; nothing written", async () => {
    const before = [await appRow(appId), await auditCount()];
    const transition = await failure(record(admin, appId, { outcome: "restore", reason: "恢复", version }), 409);
    expect(transition.error).toMatchObject({ code: "title_transition", current: { state: "active" } });
    const stale = await failure(record(admin, appId, { outcome: "keep", reason: "保留", version: version - 1 }), 409);
    expect(stale.error.code).toBe("stale_version");
    expect(stale.error.current).toMatchObject({ applicationId: appId, version });
    expect([await appRow(appId), await auditCount()]).toEqual(before);
  });

  it("city reviewers in scope and unit staff are 403; out of scope and other tenant 404; anonymous 401", async () => {
    const body = { outcome: "keep", reason: "保留", version } as const;
    expect(await statusOf(record(deyang, appId, body))).toBe(403);
    expect(await statusOf(record(staff, appId, body))).toBe(403);
    expect(await statusOf(record(dazhou, appId, body))).toBe(404);
    expect(await statusOf(record(hubeiAdmin, appId, body))).toBe(404);
    expect(
      await statusOf(
        tenantApi(hubeiAdmin).applications[":id"]["title-outcome"].$put({
          param: { tenant: "hubei", id: appId },
          json: body,
        }),
      ),
    ).toBe(404);
    expect(await statusOf(record(admin, "no-such-application", body))).toBe(404);
    expect(await statusOf(record(undefined, appId, body))).toBe(401);
  });

  it("unknown fields and bad input are 400 naming the field; nothing is written", async () => {
    const before = [await appRow(appId), await auditCount()];
    const good = { outcome: "keep", reason: "保留称号", version };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...good, status: "awarded" }, ""],
      [{ ...good, awardId: "x" }, ""],
      [{ ...good, titleOutcome: "keep" }, ""],
      [{ ...good, outcome: "revoke" }, "publicReason"],
      [{ ...good, outcome: "warn", publicReason: "材料不全" }, "deadline"],
      [{ ...good, outcome: "warn", publicReason: "材料不全", deadline: today }, "deadline"],
      [{ ...good, outcome: "warn", publicReason: "材料不全", deadline: "明年" }, "deadline"],
      [{ ...good, reason: " " }, "reason"],
      [{ ...good, version: -1 }, "version"],
    ];
    const path = `/api/t/sichuan/applications/${appId}/title-outcome`;
    for (const [body, field] of cases) {
      const res = await callJson<ErrorBody>(path, { method: "PUT", body, cookie: admin });
      expect(res.status, JSON.stringify(body)).toBe(400);
      if (field) expect(Object.keys(res.body.error.fields ?? {}), JSON.stringify(body)).toContain(field);
    }
    expect((await call(path, { method: "PUT", body: "[]", cookie: admin })).status).toBe(400);
    expect([await appRow(appId), await auditCount()]).toEqual(before);
  });

  it("an application of a selection round is 409 not_recheck", async () => {
    const program = await ok(
      tenantApi(staff).units[":unitId"].programs.$post({
        param: { tenant, unitId: UNITS.deyangKexie },
        json: { title: `${YEAR}年度创建方案`, startYear: YEAR, endYear: YEAR, targetLevel: "city", sections: [] },
      }),
      201,
    );
    await ok(
      tenantApi(staff).programs[":id"].publish.$post({ param: { tenant, id: program.id }, json: { version: 1 } }),
    );
    const applied = await ok(
      tenantApi(staff).rounds[":roundId"].applications.$post({
        param: { tenant, roundId: selectionRound },
        json: { channel: "city" },
      }),
      201,
    );
    const refused = await failure(record(admin, applied.id, { outcome: "keep", reason: "保留", version: 1 }), 409);
    expect(refused.error.code).toBe("not_recheck");
  });
});

describe("GET /rounds/:id/recheck", () => {
  it("lists the enrolled units in the caller's scope with title, outcome and what the title accepts; counts missing outcomes", async () => {
    const all = await ok(recheckList(admin));
    expect(all.round).toMatchObject({ id: roundId, level: "city", phase: "province_review" });
    expect(all.items.map((i) => i.unit.id).sort()).toEqual(await currentHolders());
    expect(all.missing).toBe(all.items.length - 1);
    const entry = all.items.find((i) => i.unit.id === UNITS.deyangKexie);
    expect(entry).toMatchObject({
      unit: { name: expect.any(String), city: "德阳市" },
      award: { level: "city", status: "active", state: "active", validUntil: `${YEAR + 1}-12-31` },
      outcome: { outcome: "keep" },
      provincial: null,
    });
    // A city reviewer sees their city's units only.
    const deyangList = await ok(recheckList(deyang));
    const paths = await Promise.all(
      deyangList.items.map((i) =>
        env.DB.prepare("select jurisdiction_path p from units where id = ?").bind(i.unit.id).first<{ p: string }>(),
      ),
    );
    expect(deyangList.items.length).toBeGreaterThan(0);
    expect(deyangList.items.length).toBeLessThan(all.items.length);
    for (const p of paths) expect(p?.p.startsWith(PATHS.deyang)).toBe(true);
  });

  it("a selection round is 409 not_recheck; unit staff 403; other tenant 404; anonymous 401", async () => {
    expect((await failure(recheckList(admin, selectionRound), 409)).error.code).toBe("not_recheck");
    expect(await statusOf(recheckList(staff))).toBe(403);
    expect(await statusOf(recheckList(hubeiAdmin))).toBe(404);
    expect(await statusOf(recheckList(undefined))).toBe(401);
  });
});
