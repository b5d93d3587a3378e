import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { beijingToday, beijingYear } from "../../worker/domain/record-rules.ts";
import { ok, tenantApi } from "./client.ts";
import { PLACES, signInAll } from "./fixtures.ts";
import { endWindow, publicVersion, published, type ReadyRound, roundReadyForNotice } from "./notice-fixtures.ts";
import { roundRow, TENANT, TENANT_ID, uid } from "./ranking-fixtures.ts";

// Naming a re-check round through the naming route (POST /rounds/{id}/naming): each enrolled title takes the
// outcome its application recorded, with one history row, and the applications are decided.

const YEAR = beijingYear(new Date());
const BOTH = { 纪检监察: "clear", 生态环境: "clear" } as const;
const namedOn = beijingToday(new Date());

let admin: string;
let round: ReadyRound;
/** Per application (in `round.apps` order): its title's id. */
const awardIds: string[] = [];

const record = (id: string, version: number, json: Record<string, string>) =>
  tenantApi(admin).applications[":id"]["title-outcome"].$put({
    param: { tenant: TENANT, id },
    json: { outcome: "keep", reason: "复查合格", ...json, version } as never,
  });
const appVersion = async (id: string) =>
  (await env.DB.prepare("select version from applications where id = ?").bind(id).first<{ version: number }>())
    ?.version ?? 0;
const award = (id: string) => env.DB.prepare("select * from awards where id = ?").bind(id).first();

beforeAll(async () => {
  ({ sichuanAdmin: admin } = await signInAll("sichuanAdmin"));
  round = await roundReadyForNotice(admin, [
    { place: PLACES.jingyang, aggregate: 92, signoffs: BOTH, name: "复查保留单位" },
    { place: PLACES.jingyang, aggregate: 88, signoffs: BOTH, name: "复查警告单位" },
    { place: PLACES.dazhou, aggregate: 85, signoffs: BOTH, name: "复查恢复单位" },
    { place: PLACES.dazhou, aggregate: 80, signoffs: BOTH, name: "复查撤销单位" },
  ]);
  // The same round as a re-check: each unit holds a current 市级 title, the third one under a yellow card.
  await env.DB.prepare("update rounds set kind = 'recheck' where id = ?").bind(round.id).run();
  for (const [i, app] of round.apps.entries()) {
    const id = uid("award");
    awardIds.push(id);
    await env.DB.prepare(
      `insert into awards (id, tenant_id, unit_id, level, term_start_year, term_end_year, named_on, valid_until, status,
         warning_deadline, public_reason, created_by)
       values (?, ?, ?, 'city', ?, ?, ?, ?, ?, ?, ?, 'user-admin-sichuan-demo')`,
    )
      .bind(
        id,
        TENANT_ID,
        app.unitId,
        YEAR - 1,
        YEAR + 1,
        `${YEAR - 2}-12-28`,
        `${YEAR + 1}-12-31`,
        i === 2 ? "warned" : "active",
        i === 2 ? `${YEAR}-06-30` : null,
        i === 2 ? "整改未完成" : null,
      )
      .run();
    await env.DB.prepare("update applications set award_id = ? where id = ?").bind(id, app.applicationId).run();
  }
});

describe("naming a re-check round", () => {
  it("applies every outcome to its title (publishing needed them all; refusals: recheck-notice.test.ts)", async () => {
    const [keep, warn, restore, revoke] = round.apps.map((a) => a.applicationId) as [string, string, string, string];
    await ok(record(keep, await appVersion(keep), {}));
    await ok(
      record(warn, await appVersion(warn), {
        outcome: "warn",
        reason: "台账缺失",
        publicReason: "创建台账不全",
        deadline: `${YEAR + 1}-03-31`,
      }),
    );
    await ok(record(restore, await appVersion(restore), { outcome: "restore", reason: "整改到位" }));
    await ok(
      record(revoke, await appVersion(revoke), {
        outcome: "revoke",
        reason: "发生重大违纪",
        publicReason: "发生严重违纪违法案件",
      }),
    );
    const current = await roundRow(round.id);
    const notice = await published(admin, { id: round.id, version: current.version });
    // The 复查 notice lists the titles that stay, not the revoked one.
    expect(notice.entries.map((e) => e.applicationId).sort()).toEqual([keep, warn, restore].sort());
    await endWindow(round.id);

    const naming = async () => {
      const { version } = await roundRow(round.id);
      return tenantApi(admin).rounds[":id"].naming.$post({
        param: { tenant: TENANT, id: round.id },
        json: { version, documentRef: "川文明委〔2026〕9号", namedOn },
      });
    };
    const versionBefore = await publicVersion();
    const named = await ok(naming());
    expect(named.phase).toBe("named");
    expect(await publicVersion()).toBeGreaterThan(versionBefore);

    expect(await award(awardIds[0] ?? "")).toMatchObject({ status: "active", warning_deadline: null, version: 2 });
    expect(await award(awardIds[1] ?? "")).toMatchObject({
      status: "warned",
      warning_deadline: `${YEAR + 1}-03-31`,
      public_reason: "创建台账不全",
    });
    expect(await award(awardIds[2] ?? "")).toMatchObject({
      status: "active",
      warning_deadline: null,
      public_reason: null,
    });
    expect(await award(awardIds[3] ?? "")).toMatchObject({ status: "revoked", public_reason: "发生严重违纪违法案件" });

    const { results: events } = await env.DB.prepare(
      "select award_id, kind, round_id, effective_on, public_reason from award_events where round_id = ?",
    )
      .bind(round.id)
      .all<Record<string, string>>();
    expect(events.map((e) => [awardIds.indexOf(e.award_id ?? ""), e.kind]).sort()).toEqual([
      [0, "kept"],
      [1, "warned"],
      [2, "restored"],
      [3, "revoked"],
    ]);
    for (const e of events) expect(e.effective_on).toBe(namedOn);

    const { results: apps } = await env.DB.prepare("select id, status from applications where round_id = ?")
      .bind(round.id)
      .all<{ id: string; status: string }>();
    const status = new Map(apps.map((a) => [a.id, a.status]));
    expect([keep, warn, restore, revoke].map((id) => status.get(id))).toEqual([
      "awarded",
      "awarded",
      "awarded",
      "not_awarded",
    ]);
    // No new titles: a re-check names nobody.
    expect(
      (await env.DB.prepare("select count(*) n from awards where round_id = ?").bind(round.id).first<{ n: number }>())
        ?.n,
    ).toBe(0);
  });
});
