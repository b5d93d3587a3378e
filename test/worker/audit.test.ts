import { env } from "cloudflare:workers";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { tenants } from "../../db/schema.ts";
import { auditEvent, runAudited, sealChain } from "../../worker/data/audit.ts";
import { createDb } from "../../worker/data/db.ts";
import { sealedAuditChain, storedAuditEvents } from "./audit-rows.ts";
import { api, ok, signIn, tenantApi } from "./client.ts";
import { DEMO } from "./fixtures.ts";
import { roundTripsOf } from "./round-trips.ts";

const auth = api().api.auth;
const login = (email: string, password = "wenming-demo") => auth.login.$post({ json: { email, password } });
/** Logout declares no body, but every write must be application/json: send an empty object, as the SPA does. */
const logout = (cookie: string) =>
  api(cookie).api.auth.logout.$post(undefined, {
    headers: { "content-type": "application/json" },
    init: { body: "{}" },
  });

const events = () => storedAuditEvents();

const signInOut = async (email: string) => {
  const response = await login(email);
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const out = await logout(cookie);
  return [response.status, out.status];
};

/** The link columns of one stored event. */
const linkOf = async (id: string) =>
  env.DB.prepare("select seq, prev_hash prevHash, hash from audit_events where id = ?")
    .bind(id)
    .first<{ seq: number | null; prevHash: string | null; hash: string | null }>();

/**
 * Appends `n` events to a chain of their own (no tenant, so rows written directly), each its own statement,
 * all at once; nothing seals them in the background.
 */
async function appendEvents(chain: string, n: number): Promise<void> {
  await Promise.all(
    Array.from({ length: n }, (_, i) =>
      env.DB.prepare(
        "insert into audit_events (id, chain, action, target_type, target_id) values (?, ?, 'settings.update', 'test', ?)",
      )
        .bind(crypto.randomUUID(), chain, `${chain}-${i}`)
        .run(),
    ),
  );
}

/**
 * A database whose batches (a sealer's reads) run `pause` before they answer: a sealer's read and write
 * can be interleaved with another's on purpose. Single statements (a sealer's write) go straight through.
 */
function dbPausingAfterReads(pause: () => Promise<void>) {
  const d1 = {
    prepare: (query: string) => env.DB.prepare(query),
    batch: async (statements: D1PreparedStatement[]) => {
      const results = await env.DB.batch(statements);
      await pause();
      return results;
    },
  };
  return createDb(d1 as unknown as D1Database);
}

/** A chain of its own with `n` sealed events that verifies. */
async function sealedTestChain(chain: string, n: number) {
  await appendEvents(chain, n);
  const { events: sealed, check } = await sealedAuditChain(chain);
  expect(check).toEqual({ sealed: n, unsealed: 0, broken: null });
  return sealed;
}

describe("audit log", () => {
  it("a sign-in, a failed sign-in and a sign-out each write exactly one event", async () => {
    const before = (await events()).length;
    const response = await login(DEMO.deyang);
    expect((await events()).length).toBe(before + 1);
    await login(DEMO.deyang, "wrong");
    expect((await events()).length).toBe(before + 2);
    const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    await logout(cookie);
    const all = await events();
    expect(all.slice(-3).map((e) => e.action)).toEqual(["auth.login", "auth.login_failed", "auth.logout"]);
    expect(all.at(-1)).toMatchObject({ actorUserId: "user-deyang-sichuan-demo", targetType: "session" });
    expect(all.at(-1)?.createdAt).toMatch(/Z$/);
  });

  it("reads of data write no event", async () => {
    const before = (await events()).length;
    await api().api.tenants.$get();
    await auth.me.$get();
    expect((await events()).length).toBe(before);
  });

  it("concurrent writers extend one unbroken chain", async () => {
    const statuses = await Promise.all(
      [DEMO.sichuanAdmin, DEMO.hubeiAdmin, DEMO.sichuanProvince, DEMO.hubeiUnit, DEMO.dazhou].map(signInOut),
    );
    expect(statuses.flat().every((s) => s === 200)).toBe(true);
    const platform = (await events()).filter((e) => e.chain === "platform").length;
    expect(platform).toBeGreaterThanOrEqual(10);
    const { check } = await sealedAuditChain("platform");
    expect(check).toEqual({ sealed: platform, unsealed: 0, broken: null });
  });
});

describe("appending, then sealing", () => {
  it("after a write's response, its event is sealed in the background without anyone reading the chain", async () => {
    const admin = await signIn(DEMO.sichuanAdmin);
    const settings = tenantApi(admin).settings;
    const { name: _name, logoUrl: _logo, version, ...kept } = await ok(settings.$get({ param: { tenant: "sichuan" } }));
    await ok(settings.$put({ param: { tenant: "sichuan" }, json: { ...kept, version, displayName: "四川省文明办" } }));
    const [written] = (await storedAuditEvents("t-sichuan")).filter((e) => e.action === "settings.update").slice(-1);
    if (!written) throw new Error("the write recorded no event");
    // waitUntil work runs after the response: give it a moment, reading the row only.
    for (let i = 0; i < 50 && (await linkOf(written.id))?.seq == null; i++) await new Promise((r) => setTimeout(r, 20));
    expect((await linkOf(written.id))?.seq).toEqual(expect.any(Number));
  });

  it("a write appends its event unsealed (guarded or not), and the history seals it before it is read", async () => {
    // Outside a request nothing seals in the background; no request of this file writes to Hubei's chain.
    const db = createDb(env.DB);
    const event = (targetId: string) =>
      auditEvent(
        { tenantId: "t-hubei", userId: null, role: null },
        { action: "settings.update", targetType: "tenant", targetId },
      );
    const touch = (id: string) =>
      db
        .update(tenants)
        .set({ name: sql`${tenants.name}` })
        .where(eq(tenants.id, id));
    expect(await runAudited(db, [], event("history-plain"))).toBe(true);
    expect(await runAudited(db, [], event("history-guarded"), { guard: touch("t-hubei") })).toBe(true);
    expect(await runAudited(db, [], event("history-stale"), { guard: touch("no-such-tenant") })).toBe(false);
    const appended = (await storedAuditEvents("t-hubei")).filter((e) => e.targetId?.startsWith("history-"));
    expect(appended.map((e) => [e.targetId, e.seq, e.prevHash, e.hash])).toEqual([
      ["history-plain", null, null, null],
      ["history-guarded", null, null, null],
    ]);
    const admin = await signIn(DEMO.hubeiAdmin);
    const history = () => tenantApi(admin)["audit-events"].$get({ param: { tenant: "hubei" }, query: {} });
    const sealing = await history();
    const page = await ok(Promise.resolve(sealing));
    expect(page.items.slice(0, 2).map((e) => e.targetId)).toEqual(["history-guarded", "history-plain"]);
    for (const { id } of appended) expect((await linkOf(id))?.seq).toEqual(expect.any(Number));
    // Sealing cost that read a read and a write; with nothing left to seal, the history is one round trip.
    expect(roundTripsOf(sealing)).toBeGreaterThan(1);
    expect(roundTripsOf(await history())).toBe(1);
    expect(await sealChain(db, "t-hubei")).toBe(0);
    const { check } = await sealedAuditChain("t-hubei");
    expect(check).toMatchObject({ unsealed: 0, broken: null });
  });

  it("two sealers that read the same state compute the same links: one seals every event, the other changes nothing", async () => {
    await appendEvents("racing", 40);
    let read = 0;
    let bothRead = () => {};
    const barrier = new Promise<void>((resolve) => {
      bothRead = resolve;
    });
    // Each sealer waits after its read until the other has read too: both then write links for the same events.
    const racer = () =>
      dbPausingAfterReads(async () => {
        if (++read === 2) bothRead();
        await barrier;
      });
    const sealed = await Promise.all([sealChain(racer(), "racing"), sealChain(racer(), "racing")]);
    expect(sealed.sort((x, y) => x - y)).toEqual([0, 40]);
    expect(await sealChain(createDb(env.DB), "racing")).toBe(0);
    const { events: chain, check } = await sealedAuditChain("racing");
    expect(check).toEqual({ sealed: 40, unsealed: 0, broken: null });
    expect(chain.map((e) => e.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it("a sealer whose links meet a different one at the same place (refused by the unique index) reads again", async () => {
    await appendEvents("conflicting", 5);
    const [, , third] = await storedAuditEvents("conflicting");
    let once = false;
    // Between this sealer's read and its write, something else gives the third event place 1.
    const db = dbPausingAfterReads(async () => {
      if (once) return;
      once = true;
      await env.DB.prepare("update audit_events set seq = 1, prev_hash = '', hash = 'elsewhere' where id = ?")
        .bind(third?.id)
        .run();
    });
    expect(await sealChain(db, "conflicting")).toBe(4);
    const { events: chain, check } = await sealedAuditChain("conflicting");
    expect(chain.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    // The foreign link was not the chain's: a verifier flags it.
    expect(check.broken).toEqual({ seq: 1, id: third?.id });
  });

  it("events appended while sealing are sealed after the ones before them, in order of insertion", async () => {
    await appendEvents("interleaved", 5);
    await Promise.all([sealChain(createDb(env.DB), "interleaved"), appendEvents("interleaved", 5)]);
    const { events: chain, check } = await sealedAuditChain("interleaved");
    expect(check).toEqual({ sealed: 10, unsealed: 0, broken: null });
    const inserted = (await storedAuditEvents("interleaved")).map((e) => e.id);
    expect(chain.map((e) => e.id)).toEqual(inserted);
  });
});

describe("tampering with a sealed chain is detected", () => {
  it("an edited field breaks the chain at that event", async () => {
    const chain = await sealedTestChain("tamper-edit", 5);
    await env.DB.prepare("update audit_events set action = 'auth.logout' where id = ?").bind(chain[2]?.id).run();
    expect((await sealedAuditChain("tamper-edit")).check.broken).toEqual({ seq: 3, id: chain[2]?.id });
  });

  it("a deleted event leaves a gap where the chain breaks", async () => {
    const chain = await sealedTestChain("tamper-delete", 5);
    await env.DB.prepare("delete from audit_events where id = ?").bind(chain[1]?.id).run();
    expect((await sealedAuditChain("tamper-delete")).check.broken).toEqual({ seq: 3, id: chain[2]?.id });
  });

  it("two events whose places were swapped break the chain", async () => {
    const chain = await sealedTestChain("tamper-reorder", 5);
    const [b, c] = [chain[1]?.id, chain[2]?.id];
    // Through a free number: the unique (chain, seq) index refuses two events at one place even for a moment.
    await env.DB.batch([
      env.DB.prepare("update audit_events set seq = -1 where id = ?").bind(b),
      env.DB.prepare("update audit_events set seq = 2 where id = ?").bind(c),
      env.DB.prepare("update audit_events set seq = 3 where id = ?").bind(b),
    ]);
    expect((await sealedAuditChain("tamper-reorder")).check.broken).toEqual({ seq: 2, id: c });
  });

  it("an event deleted and inserted again is sealed at the end, and the gap where it was breaks the chain", async () => {
    const chain = await sealedTestChain("tamper-reinsert", 5);
    const moved = chain[1];
    if (!moved) throw new Error("no second event");
    await env.DB.batch([
      env.DB.prepare("delete from audit_events where id = ?").bind(moved.id),
      env.DB.prepare(
        "insert into audit_events (id, chain, action, target_type, target_id, created_at) values (?, ?, ?, ?, ?, ?)",
      ).bind(moved.id, moved.chain, moved.action, moved.targetType, moved.targetId, moved.createdAt),
    ]);
    const { events: after, check } = await sealedAuditChain("tamper-reinsert");
    expect(after.at(-1)).toMatchObject({ id: moved.id, seq: 6 });
    expect(check.broken).toEqual({ seq: 3, id: chain[2]?.id });
  });
});
