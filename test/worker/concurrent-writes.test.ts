import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { sealedAuditChain } from "./audit-rows.ts";
import { ok, tenantApi } from "./client.ts";
import { PLACES, signInAll, UNITS } from "./fixtures.ts";
import { expectNo5xx, fireAtOnce, statusCounts } from "./load.ts";
import { count } from "./rows.ts";

/**
 * The load test at small size: many writes of one tenant at once. Every write appends its audit
 * event unsealed and never reads the chain head, so none of them waits for or fails on another; the chain
 * is sealed afterwards and must verify. (scripts/bench runs the same at full size.)
 */
const tenant = "sichuan";
const CHAIN = "t-sichuan";
const N = 50;
let admin: string;
let staff: string;

beforeAll(async () => {
  ({ sichuanAdmin: admin, sichuanUnit: staff } = await signInAll("sichuanAdmin", "sichuanUnit"));
});

/** The events of the chain with this action and one of these targets. */
async function eventsFor(action: string, targetIds: readonly string[]): Promise<number> {
  const { events } = await sealedAuditChain(CHAIN);
  const targets = new Set(targetIds);
  return events.filter((e) => e.action === action && e.targetId !== null && targets.has(e.targetId)).length;
}

describe(`${N} simultaneous writes of one tenant`, () => {
  it(`${N} people created by the tenant admin at once: all created, one audit event each, the chain verifies`, async () => {
    const responses = await fireAtOnce(N, (i) =>
      tenantApi(admin).people.$post({
        param: { tenant },
        json: {
          email: `load-${i}@sichuan.test`,
          displayName: `并发审核员 ${i}`,
          role: "reviewer",
          jurisdictionId: PLACES.deyang,
        },
      }),
    );
    expectNo5xx(responses);
    expect(statusCounts(responses)).toEqual({ 201: N });
    const ids = await Promise.all(responses.map(async (r) => (await ok(Promise.resolve(r), 201)).person.id));
    expect(new Set(ids).size).toBe(N);
    expect(await count("select count(*) n from users where email like 'load-%@sichuan.test'")).toBe(N);
    expect(await eventsFor("person.create", ids)).toBe(N);
    const { check } = await sealedAuditChain(CHAIN);
    expect(check).toMatchObject({ unsealed: 0, broken: null });
  });

  it(`${N} records logged by a unit at once: none lost, one audit event each, the chain verifies`, async () => {
    const responses = await fireAtOnce(N, (i) =>
      tenantApi(staff).units[":unitId"].records.$post({
        param: { tenant, unitId: UNITS.deyangKexie },
        json: { date: "2026-11-05", kind: "study", title: `并发学习记录 ${i}` },
      }),
    );
    expectNo5xx(responses);
    expect(statusCounts(responses)).toEqual({ 201: N });
    const ids = await Promise.all(responses.map(async (r) => (await ok(Promise.resolve(r), 201)).id));
    expect(await count("select count(*) n from records where title like '并发学习记录 %'")).toBe(N);
    expect(await eventsFor("record.create", ids)).toBe(N);
    expect((await sealedAuditChain(CHAIN)).check).toMatchObject({ unsealed: 0, broken: null });
  });

  it(`${N} edits of one record from the same version at once: one wins, the rest get a genuine 409, one event`, async () => {
    const created = await ok(
      tenantApi(staff).units[":unitId"].records.$post({
        param: { tenant, unitId: UNITS.deyangKexie },
        json: { date: "2026-11-06", kind: "study", title: "并发编辑" },
      }),
      201,
    );
    const responses = await fireAtOnce(N, (i) =>
      tenantApi(staff).records[":id"].$patch({
        param: { tenant, id: created.id },
        json: { version: created.version, title: `并发编辑 ${i}` },
      }),
    );
    expectNo5xx(responses);
    expect(statusCounts(responses)).toEqual({ 200: 1, 409: N - 1 });
    const winner = responses.findIndex((r) => r.status === 200);
    const stored = await env.DB.prepare("select title, version from records where id = ?").bind(created.id).first();
    expect(stored).toEqual({ title: `并发编辑 ${winner}`, version: created.version + 1 });
    expect(await eventsFor("record.update", [created.id])).toBe(1);
    expect((await sealedAuditChain(CHAIN)).check).toMatchObject({ unsealed: 0, broken: null });
  });
});
