import { env } from "cloudflare:workers";
import type { InferRequestType } from "hono/client";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_TITLE_CASES } from "../../db/seed/titles.ts";
import { beijingToday, beijingYear } from "../../worker/domain/record-rules.ts";
import { call, failure, ok, tenantApi } from "./client.ts";
import { seedDemoTitles } from "./demo-titles-seed.ts";
import { signInAll } from "./fixtures.ts";
import { endWindow, insertObjection, publish, readNotice, rowOf } from "./notice-fixtures.ts";
import { roundRow, TENANT, TENANT_ID } from "./ranking-fixtures.ts";

// 复查 through notice: publishing a re-check round's notice needs every enrolled title's outcome and lists the
// units whose titles stay (keep, warn, restore) in name order; an upheld objection takes a unit off and clears
// its outcome, so naming waits until the office records a new one, then applies it.

type Api = ReturnType<typeof tenantApi>;
type OutcomeBody = InferRequestType<Api["applications"][":id"]["title-outcome"]["$put"]>["json"];

const YEAR = beijingYear(new Date());
const deadline = `${YEAR + 1}-06-30`;
const byName = new Intl.Collator("zh-Hans-CN").compare;

let admin: string;
let roundId: string;
/** Enrolled applications by unit name. */
const enrolled = new Map<string, { applicationId: string; awardId: string; unitId: string }>();

const REVOKED = "广汉市图书馆";
const LAPSED = "新都区税务局";
const WARNED = "遂宁市交通运输局";
const OBJECTED = "彭州市供电公司";
const WITHDRAWN = "内江市教育局";
const RESTORED = DEMO_TITLE_CASES.sichuan.warned;

const app = (unitName: string) => {
  const entry = enrolled.get(unitName);
  if (!entry) throw new Error(`${unitName} is not enrolled`);
  return entry;
};
const appVersion = async (id: string) =>
  (await rowOf<{ version: number }>("select version from applications where id = ?", id)).version;

async function record(unitName: string, json: Omit<OutcomeBody, "version">) {
  const { applicationId } = app(unitName);
  return ok(
    tenantApi(admin).applications[":id"]["title-outcome"].$put({
      param: { tenant: TENANT, id: applicationId },
      json: { ...json, version: await appVersion(applicationId) } as OutcomeBody,
    }),
  );
}

const lapse = { outcome: "lapse", reason: "机构撤并", publicReason: "单位撤并，称号自动终止" } as const;
const revoke = { outcome: "revoke", reason: "发生重大违纪", publicReason: "发生严重违纪违法案件，撤销称号" } as const;
const keep = { outcome: "keep", reason: "复查合格" } as const;

async function publishNow() {
  const { version } = await roundRow(roundId);
  return publish(admin, roundId, { version });
}

beforeAll(async () => {
  ({ sichuanAdmin: admin } = await signInAll("sichuanAdmin"));
  await seedDemoTitles();
  const rounds = tenantApi(admin).rounds;
  const created = await ok(
    rounds.$post({
      param: { tenant: TENANT },
      json: {
        title: "省级文明单位复查",
        level: "province",
        kind: "recheck",
        year: YEAR,
        criteriaSystemId: "sichuan-criteria-2026",
      },
    }),
    201,
  );
  roundId = created.id;
  // Opening enrols the current 省级 holders; their drafts close as not submitted on the way to provincial review.
  for (let i = 0; i < 3; i++) {
    const { version } = await roundRow(roundId);
    await ok(rounds[":id"].advance.$post({ param: { tenant: TENANT, id: roundId }, json: { version } }));
  }
  const { results } = await env.DB.prepare(
    `select a.id application_id, a.award_id, a.unit_id, u.name from applications a join units u on u.id = a.unit_id
       where a.round_id = ?`,
  )
    .bind(roundId)
    .all<{ application_id: string; award_id: string; unit_id: string; name: string }>();
  for (const r of results)
    enrolled.set(r.name, { applicationId: r.application_id, awardId: r.award_id, unitId: r.unit_id });
});

describe("publishing a re-check round's notice", () => {
  it("is refused with outcomes_missing while an enrolled title has no outcome; the preview says so per unit", async () => {
    expect(enrolled.size).toBeGreaterThan(6);
    for (const name of [REVOKED, LAPSED, WARNED, OBJECTED, WITHDRAWN, RESTORED]) app(name);
    const preview = await ok(readNotice(admin, roundId));
    expect(preview.shortlist).toEqual([]);
    expect(preview.excluded.map((e) => e.reason)).toEqual([...enrolled.keys()].map(() => "outcome_missing"));

    const blocked = await failure(publishNow(), 409);
    expect(blocked.error.code).toBe("phase_blocked");
    expect(blocked.error.current).toMatchObject({ blockers: [{ code: "outcomes_missing", count: enrolled.size }] });
    expect((await roundRow(roundId)).phase).toBe("province_review");
  });

  it("with every title ending (revoke, lapse) nothing stays: 409 shortlist_empty, each left off as title_not_kept", async () => {
    await record(REVOKED, revoke);
    for (const name of enrolled.keys()) if (name !== REVOKED) await record(name, lapse);
    const empty = await failure(publishNow(), 409);
    expect(empty.error.code).toBe("shortlist_empty");
    const excluded = (empty.error.current as { excluded: Array<{ reason: string }> }).excluded;
    expect(excluded).toHaveLength(enrolled.size);
    for (const e of excluded) expect(e.reason).toBe("title_not_kept");
  });

  it("lists the units kept, warned and restored in name order, not revoked, lapsed or withdrawn ones", async () => {
    for (const name of enrolled.keys())
      if (![REVOKED, LAPSED, WARNED, RESTORED].includes(name)) await record(name, keep);
    await record(WARNED, { outcome: "warn", reason: "台账缺失", publicReason: "创建台账不全", deadline });
    await record(RESTORED, { outcome: "restore", reason: "整改到位" });
    // A withdrawn application is not listed, whatever its outcome.
    await env.DB.prepare("update applications set status = 'withdrawn' where id = ?")
      .bind(app(WITHDRAWN).applicationId)
      .run();
    const staying = [...enrolled.keys()].filter((n) => ![REVOKED, LAPSED, WITHDRAWN].includes(n)).sort(byName);

    const preview = await ok(readNotice(admin, roundId));
    expect(preview.shortlist.map((s) => s.unitName)).toEqual(staying);
    expect(preview.shortlist[0]).toMatchObject({ rank: null, city: expect.any(String) });
    expect(Object.fromEntries(preview.excluded.map((e) => [e.unitName, e.reason]))).toEqual({
      [REVOKED]: "title_not_kept",
      [LAPSED]: "title_not_kept",
    });

    const published = await ok(publishNow());
    expect((await roundRow(roundId)).phase).toBe("notice");
    expect(published.notice?.title).toBe("「省级文明单位复查」复查拟保留称号单位公示");
    expect(published.entries.map((e) => [e.unitName, e.position, e.status])).toEqual(
      staying.map((name, i) => [name, i + 1, "listed"]),
    );
    const status = async (name: string) =>
      (await rowOf<{ status: string }>("select status from applications where id = ?", app(name).applicationId)).status;
    expect(await status(OBJECTED)).toBe("on_notice");
    expect(await status(REVOKED)).toBe("not_submitted");
    expect(await status(WITHDRAWN)).toBe("withdrawn");
  });
});

describe("an upheld objection on a re-check entry", () => {
  it("takes the unit off and clears its outcome; naming waits for a new outcome (no other published outcome may change), then revokes the title with its history and public reason", async () => {
    const view = await ok(readNotice(admin, roundId));
    const entry = view.entries.find((e) => e.unitName === OBJECTED);
    const objectionId = await insertObjection(entry?.entryId ?? "", "该单位发生重大安全责任事故");
    const finding = "经核查，该单位在复查期间发生重大安全责任事故，异议成立";
    await ok(
      tenantApi(admin).objections[":id"].finding.$post({
        param: { tenant: TENANT, id: objectionId },
        json: { version: 1, result: "upheld", finding },
      }),
    );
    const after = await ok(readNotice(admin, roundId));
    expect(after.entries.find((e) => e.unitName === OBJECTED)).toMatchObject({
      status: "removed",
      removedReason: finding,
    });
    const { applicationId, awardId, unitId } = app(OBJECTED);
    expect(
      await rowOf("select status, title_outcome, outcome_reason from applications where id = ?", applicationId),
    ).toEqual({ status: "on_notice", title_outcome: null, outcome_reason: null });

    await endWindow(roundId);
    const namedOn = beijingToday(new Date());
    const naming = async () => {
      const { version } = await roundRow(roundId);
      return tenantApi(admin).rounds[":id"].naming.$post({
        param: { tenant: TENANT, id: roundId },
        json: { version, documentRef: "川文明委〔2026〕12号", namedOn },
      });
    };
    const blocked = await failure(naming(), 409);
    expect(blocked.error.code).toBe("phase_blocked");
    expect(blocked.error.current).toMatchObject({ blockers: [{ code: "outcomes_missing", count: 1 }] });

    // A published outcome stays as the notice showed it: only the cleared one may be recorded during notice.
    const listed = app(WARNED).applicationId;
    const changed = await failure(
      tenantApi(admin).applications[":id"]["title-outcome"].$put({
        param: { tenant: TENANT, id: listed },
        json: { ...revoke, version: await appVersion(listed) },
      }),
      409,
    );
    expect(changed.error.code).toBe("outcome_on_notice");
    // The office records the outcome the finding calls for, while the round is on notice.
    await record(OBJECTED, revoke);
    expect((await ok(naming())).phase).toBe("named");
    expect(await rowOf("select status, public_reason from awards where id = ?", awardId)).toEqual({
      status: "revoked",
      public_reason: revoke.publicReason,
    });
    expect(
      await rowOf(
        "select kind, public_reason, effective_on from award_events where award_id = ? and round_id = ?",
        awardId,
        roundId,
      ),
    ).toEqual({ kind: "revoked", public_reason: revoke.publicReason, effective_on: namedOn });
    expect(await rowOf("select status from applications where id = ?", applicationId)).toEqual({
      status: "not_awarded",
    });
    // The public unit page shows the revoked title with its public reason.
    const res = await call(`/api/public/t/${TENANT}/units/${unitId}`);
    expect(JSON.stringify(await res.json())).toContain(revoke.publicReason);
    // A unit kept through the notice keeps its title; the tenant is untouched elsewhere.
    expect(
      await rowOf(
        "select w.status from awards w join applications a on a.award_id = w.id where a.id = ? and w.tenant_id = ?",
        app(WARNED).applicationId,
        TENANT_ID,
      ),
    ).toEqual({ status: "warned" });
  });
});
