import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, failure, ok, statusOf, tenantApi } from "./client.ts";
import { PATHS, PLACES, signInAll } from "./fixtures.ts";
import { roundTripsOf } from "./round-trips.ts";
import { count } from "./rows.ts";
import {
  auditCount,
  createSystem,
  fullItems,
  type ItemInput,
  insertApplication,
  newReviewer,
  scoringRound,
  seat,
  setPhase,
  storedResult,
  TENANT,
  type TestReviewer,
  unitsUnder,
} from "./scoring-fixtures.ts";

let admin: string;
let dazhou: string;
let staff: string;
let hubeiProvince: string;
let systemId: string;
let deyangUnits: string[];
let nextUnit = 0;

const changes = (cookie: string | undefined, id: string, tenant = TENANT) => {
  const route = tenantApi(cookie).applications[":id"]["score-changes"];
  const param = { tenant, id };
  return {
    list: () => route.$get({ param }),
    propose: (json: { version: number; items: ItemInput[]; reason: string; stage?: "city" | "province" }) =>
      route.$post({ param, json: { stage: "city", vetoFindings: [], ...json } }),
    decide: (changeId: string, decision: "approve" | "reject", reason?: string) =>
      route[":changeId"].decision.$post({
        param: { ...param, changeId },
        json: reason === undefined ? { decision } : { decision, reason },
      }),
  };
};

/**
 * A round whose city stage is closed (phase province_review), with an application whose three-member city panel
 * submitted their forms (totals 20, 21, 22) while the stage was open.
 */
async function closedStage(): Promise<{ roundId: string; id: string; panel: TestReviewer[] }> {
  const roundId = await scoringRound(admin, systemId, "city_review", { review: { aggregation: "mean" } });
  const id = await insertApplication(roundId, deyangUnits[nextUnit++] ?? "");
  const panel = [await newReviewer(), await newReviewer(), await newReviewer()];
  for (const [i, r] of panel.entries()) {
    await seat(roundId, id, "city", r.id);
    await ok(
      tenantApi(r.cookie).applications[":id"].form.$put({
        param: { tenant: TENANT, id },
        json: { stage: "city", version: 0, items: fullItems(2 + i), vetoFindings: [], submit: true },
      }),
    );
  }
  await setPhase(roundId, "province_review");
  return { roundId, id, panel };
}

beforeAll(async () => {
  ({
    sichuanAdmin: admin,
    dazhou,
    sichuanUnit: staff,
    hubeiProvince,
  } = await signInAll("sichuanAdmin", "dazhou", "sichuanUnit", "hubeiProvince"));
  systemId = await createSystem(admin);
  deyangUnits = await unitsUnder(PATHS.deyang, 40);
});

describe("changing scores after the stage closed", () => {
  it("the form's reviewer proposes with a reason; a second reviewer approves; the form and the result follow; both audited", async () => {
    const { id, panel } = await closedStage();
    const [author, second] = panel as [TestReviewer, TestReviewer];
    expect(await storedResult(id, "city")).toMatchObject({ aggregate: 21, reviewerTotals: [20, 21, 22] });
    const proposed = await ok(
      changes(author.cookie, id).propose({ version: 1, items: fullItems(0), reason: "复核发现规划文件未盖章，应扣分" }),
      201,
    );
    expect(proposed).toMatchObject({
      applicationId: id,
      stage: "city",
      proposedBy: { id: author.id, name: author.name },
      reason: "复核发现规划文件未盖章，应扣分",
      status: "pending",
      before: 20,
      after: 18,
      decidedBy: null,
    });
    // Nothing changes until it is approved.
    expect(await storedResult(id, "city")).toMatchObject({ aggregate: 21 });

    const approved = await ok(changes(second.cookie, id).decide(proposed.id, "approve", "核实无误"));
    expect(approved).toMatchObject({
      status: "approved",
      decidedBy: { id: second.id, name: second.name },
      decisionReason: "核实无误",
    });
    const form = await env.DB.prepare(
      "select version, status, total from score_forms where application_id = ? and reviewer_user_id = ?",
    )
      .bind(id, author.id)
      .first();
    expect(form).toEqual({ version: 2, status: "submitted", total: 18 });
    expect(
      await count(
        "select count(*) n from scores s join score_forms f on f.id = s.form_id where f.application_id = ? and f.reviewer_user_id = ? and s.item_code = 'A1.1' and s.points = 0",
        id,
        author.id,
      ),
    ).toBe(1);
    expect(await storedResult(id, "city")).toMatchObject({ reviewerTotals: [18, 21, 22], aggregate: 20.33 });
    // Both steps are on the application's history, each with its reason.
    const history = await env.DB.prepare(
      "select action, actor_user_id actor, reason from audit_events where target_type = 'application' and target_id = ? and action like 'score.change%' order by rowid",
    )
      .bind(id)
      .all();
    expect(history.results).toEqual([
      { action: "score.change_propose", actor: author.id, reason: "复核发现规划文件未盖章，应扣分" },
      { action: "score.change_approve", actor: second.id, reason: "核实无误" },
    ]);
    const listed = await ok(changes(admin, id).list());
    expect(listed.items.map((c) => [c.id, c.status])).toEqual([[proposed.id, "approved"]]);
  });

  it("the proposer never decides their own change; the round owner may decide another's; a rejection needs a reason", async () => {
    const { id, panel } = await closedStage();
    const [author, second] = panel as [TestReviewer, TestReviewer];
    const proposed = await ok(
      changes(author.cookie, id).propose({ version: 1, items: fullItems(4), reason: "补充材料后加分" }),
      201,
    );
    expect((await failure(changes(author.cookie, id).decide(proposed.id, "approve"), 403)).error.code).toBe(
      "second_approver_required",
    );
    expect(await statusOf(changes(second.cookie, id).decide(proposed.id, "reject"))).toBe(400);
    const rejected = await ok(changes(admin, id).decide(proposed.id, "reject", "补充材料超过截止时间"));
    expect(rejected).toMatchObject({ status: "rejected", decisionReason: "补充材料超过截止时间" });
    expect((await failure(changes(second.cookie, id).decide(proposed.id, "approve"), 409)).error.code).toBe(
      "already_in_state",
    );
    expect(await storedResult(id, "city")).toMatchObject({ aggregate: 21 });
    expect(await auditCount("score.change_reject", id)).toBe(1);
    expect(await auditCount("score.change_approve", id)).toBe(0);
  });

  it("a change is proposed only after the stage closed, on one's own submitted form, one pending at a time, from its current version", async () => {
    const roundId = await scoringRound(admin, systemId, "city_review");
    const id = await insertApplication(roundId, deyangUnits[nextUnit++] ?? "");
    const r = await newReviewer();
    const outsider = await newReviewer();
    await seat(roundId, id, "city", r.id);
    await ok(
      tenantApi(r.cookie).applications[":id"].form.$put({
        param: { tenant: TENANT, id },
        json: { stage: "city", version: 0, items: fullItems(), vetoFindings: [], submit: true },
      }),
    );
    const open = await failure(
      changes(r.cookie, id).propose({ version: 1, items: fullItems(1), reason: "阶段未结束" }),
      409,
    );
    expect(open.error.code).toBe("round_city_review");
    await setPhase(roundId, "province_review");
    expect(
      await statusOf(changes(outsider.cookie, id).propose({ version: 1, items: fullItems(), reason: "无评分表" })),
    ).toBe(404);
    expect(
      (
        await failure(
          changes(r.cookie, id).propose({
            version: 1,
            items: fullItems(),
            reason: "省级阶段未结束",
            stage: "province",
          }),
          409,
        )
      ).error.code,
    ).toBe("round_province_review");
    const stale = await failure(
      changes(r.cookie, id).propose({ version: 2, items: fullItems(1), reason: "版本不对" }),
      409,
    );
    expect(stale.error.code).toBe("stale_version");
    expect((stale.error.current as { version: number }).version).toBe(1);
    const incomplete = await failure(
      changes(r.cookie, id).propose({ version: 1, items: fullItems(1).slice(1), reason: "漏评一项" }),
      409,
    );
    expect(incomplete.error.code).toBe("form_incomplete");
    const bad = await failure(
      changes(r.cookie, id).propose({ version: 1, items: [{ itemCode: "A1.1", points: 9 }], reason: "超过满分" }),
      400,
    );
    expect(Object.keys(bad.error.fields ?? {})).toEqual(["items.0.points"]);
    await ok(changes(r.cookie, id).propose({ version: 1, items: fullItems(1), reason: "第一次修改" }), 201);
    const twice = await failure(
      changes(r.cookie, id).propose({ version: 1, items: fullItems(0), reason: "第二次修改" }),
      409,
    );
    expect(twice.error.code).toBe("score_change_pending");
    expect(await count("select count(*) n from score_changes where application_id = ?", id)).toBe(1);
    expect(await auditCount("score.change_propose", id)).toBe(1);
  });

  it("approval fails with 409 when the form moved on since the proposal", async () => {
    const { id, panel } = await closedStage();
    const [author, second, third] = panel as [TestReviewer, TestReviewer, TestReviewer];
    const first = await ok(
      changes(author.cookie, id).propose({ version: 1, items: fullItems(0), reason: "第一次修改" }),
      201,
    );
    await ok(changes(second.cookie, id).decide(first.id, "approve", "同意"));
    // A proposal against version 1 stored directly (the route refuses it), as a tab opened before the approval would.
    await env.DB.prepare(
      `insert into score_changes (id, tenant_id, round_id, application_id, form_id, proposed_by, reason, proposal, form_version, status)
       select 'stale-change', tenant_id, round_id, application_id, id, reviewer_user_id, '旧版本上的修改', ?, 1, 'pending'
       from score_forms where application_id = ? and reviewer_user_id = ?`,
    )
      .bind(JSON.stringify({ items: fullItems(4), vetoFindings: [], before: 20, after: 22 }), id, author.id)
      .run();
    const moved = await failure(changes(third.cookie, id).decide("stale-change", "approve", "同意"), 409);
    expect(moved.error.code).toBe("stale_version");
    expect(await storedResult(id, "city")).toMatchObject({ reviewerTotals: [18, 21, 22] });
    expect(await auditCount("score.change_approve", id)).toBe(1);
  });

  it("a failing statement of the approval's batch leaves the change pending and the form as it was", async () => {
    const { id, panel } = await closedStage();
    const [author, second] = panel as [TestReviewer, TestReviewer];
    const proposed = await ok(
      changes(author.cookie, id).propose({
        version: 1,
        items: [...fullItems(1), { itemCode: "B1", points: 1 }],
        reason: "补记加分",
      }),
      201,
    );
    // Forced failure: the new bonus item's score row aborts its statement, after the change and the form were updated.
    await env.DB.exec(
      "create trigger fail_b1 before insert on scores when new.item_code = 'B1' begin select raise(abort, 'forced failure'); end",
    );
    try {
      expect((await changes(second.cookie, id).decide(proposed.id, "approve", "同意")).status).toBe(500);
    } finally {
      await env.DB.exec("drop trigger fail_b1");
    }
    expect(await count("select count(*) n from score_changes where id = ? and status = 'pending'", proposed.id)).toBe(
      1,
    );
    expect(await count("select count(*) n from score_forms where application_id = ? and version = 1", id)).toBe(3);
    expect(await storedResult(id, "city")).toMatchObject({ reviewerTotals: [20, 21, 22] });
    expect(await auditCount("score.change_approve", id)).toBe(0);
  });

  it("isolation: scope, tenant and roles on every route; unknown fields refused; round trips", async () => {
    const { id, panel } = await closedStage();
    const [author, second] = panel as [TestReviewer, TestReviewer];
    await ok(changes(author.cookie, id).list());
    const proposing = await changes(author.cookie, id).propose({ version: 1, items: fullItems(1), reason: "复核修改" });
    expect(roundTripsOf(proposing)).toBeLessThanOrEqual(2);
    const proposed = await ok(Promise.resolve(proposing), 201);
    const department = await newReviewer(PLACES.sichuan, { role: "department" });
    expect(await statusOf(changes(dazhou, id).list())).toBe(404);
    expect(await statusOf(changes(dazhou, id).decide(proposed.id, "approve"))).toBe(404);
    expect(await statusOf(changes(hubeiProvince, id).list())).toBe(404);
    expect(await statusOf(changes(hubeiProvince, id, "hubei").list())).toBe(404);
    expect(await statusOf(changes(hubeiProvince, id, "hubei").decide(proposed.id, "approve"))).toBe(404);
    expect(await statusOf(changes(staff, id).list())).toBe(403);
    expect(await statusOf(changes(department.cookie, id).list())).toBe(403);
    expect(await statusOf(changes(staff, id).decide(proposed.id, "approve"))).toBe(403);
    expect(await statusOf(changes(admin, id).propose({ version: 1, items: fullItems(), reason: "管理员不能提" }))).toBe(
      403,
    );
    expect(await statusOf(changes(undefined, id).list())).toBe(401);
    expect(await statusOf(changes(undefined, id).decide(proposed.id, "approve"))).toBe(401);
    expect(await statusOf(changes(second.cookie, id).decide("no-such-change", "approve"))).toBe(404);
    for (const [path, body] of [
      [
        `/api/t/${TENANT}/applications/${id}/score-changes/${proposed.id}/decision`,
        { decision: "approve", status: "approved" },
      ],
      [`/api/t/${TENANT}/applications/${id}/score-changes/${proposed.id}/decision`, { decision: "maybe" }],
      [
        `/api/t/${TENANT}/applications/${id}/score-changes`,
        { stage: "city", version: 1, items: fullItems(), reason: "x" },
      ],
      [
        `/api/t/${TENANT}/applications/${id}/score-changes`,
        { stage: "city", version: 1, items: fullItems(), reason: "多余字段", proposedBy: second.id },
      ],
    ] as const) {
      // Plain request: each body breaks the route's types on purpose.
      const res = await call(path, { body, cookie: path.endsWith("decision") ? second.cookie : author.cookie });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect(
      await count("select count(*) n from score_changes where application_id = ? and status = 'pending'", id),
    ).toBe(1);
    await ok(changes(second.cookie, id).list());
    expect(roundTripsOf(await changes(second.cookie, id).list())).toBe(1);
    const decided = await changes(second.cookie, id).decide(proposed.id, "approve", "同意");
    expect(decided.status).toBe(200);
    expect(roundTripsOf(decided)).toBeLessThanOrEqual(2);
  });
});
