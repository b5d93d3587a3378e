import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { type AuditFields, chainHash, firstBrokenLink } from "../../worker/domain/audit-chain.ts";
import { storedAuditEvents } from "./audit-rows.ts";
import { call, callJson, signIn } from "./client.ts";
import { DEMO, publishedProgram, UNITS } from "./fixtures.ts";
import { roundTripsOf } from "./round-trips.ts";

const UNIT = UNITS.deyangKexie;
let staff: string;

const chain = (name: string) => storedAuditEvents(name);

const newRecord = (title: string) =>
  call(`/api/t/sichuan/units/${UNIT}/records`, { cookie: staff, body: { date: "2026-11-02", kind: "study", title } });

beforeAll(async () => {
  staff = await signIn(DEMO.sichuanUnit);
});

describe("writes take at most two D1 round trips", () => {
  it("logging, changing and deleting a record: what it depends on with the session, then one atomic batch", async () => {
    expect((await newRecord("第一次学习")).status).toBe(201);
    const created = await newRecord("第二次学习");
    expect(created.status).toBe(201);
    expect(roundTripsOf(created)).toBe(2);
    const { id, version } = (await created.json()) as { id: string; version: number };
    const changed = await call(`/api/t/sichuan/records/${id}`, {
      method: "PATCH",
      cookie: staff,
      body: { version, title: "第二次学习（补记）" },
    });
    expect(changed.status).toBe(200);
    expect(roundTripsOf(changed)).toBe(2);
    const stale = await call(`/api/t/sichuan/records/${id}`, {
      method: "PATCH",
      cookie: staff,
      body: { version, note: "旧版本" },
    });
    expect(stale.status).toBe(409);
    expect(roundTripsOf(stale)).toBe(1);
    const deleted = await call(`/api/t/sichuan/records/${id}/delete`, {
      cookie: staff,
      body: { version: version + 1 },
    });
    expect(deleted.status).toBe(200);
    expect(roundTripsOf(deleted)).toBe(2);
  });

  it("creating, saving and publishing a program: two round trips each", async () => {
    const body = { title: "往返测试方案", startYear: 2027, endYear: 2027, targetLevel: "city", sections: [] };
    const created = await call(`/api/t/sichuan/units/${UNIT}/programs`, { cookie: staff, body });
    expect(created.status).toBe(201);
    expect(roundTripsOf(created)).toBe(2);
    const { id } = (await created.json()) as { id: string };
    const saved = await call(`/api/t/sichuan/programs/${id}`, {
      method: "PUT",
      cookie: staff,
      body: { version: 1, content: { ...body, title: "往返测试方案（修订）" } },
    });
    expect(saved.status, await saved.clone().text()).toBe(200);
    expect(roundTripsOf(saved)).toBe(2);
    const published = await call(`/api/t/sichuan/programs/${id}/publish`, { cookie: staff, body: { version: 2 } });
    expect(published.status).toBe(200);
    expect(roundTripsOf(published)).toBe(2);
  });

  it("saving an item of an application and withdrawing it: two round trips each", async () => {
    const admin = await signIn(DEMO.sichuanAdmin);
    await publishedProgram(staff);
    const round = await callJson<{ id: string; version: number }>("/api/t/sichuan/rounds", {
      cookie: admin,
      body: {
        title: "写入往返评选",
        level: "city",
        kind: "selection",
        year: 2026,
        criteriaSystemId: "sichuan-criteria-2026",
      },
    });
    await call(`/api/t/sichuan/rounds/${round.body.id}/advance`, {
      cookie: admin,
      body: { version: round.body.version },
    });
    const applied = await callJson<{ id: string; version: number; items: Array<{ itemCode: string }> }>(
      `/api/t/sichuan/rounds/${round.body.id}/applications`,
      { cookie: staff, body: { channel: "city" } },
    );
    expect(applied.status).toBe(201);
    const code = applied.body.items[0]?.itemCode ?? "";
    const saved = await call(`/api/t/sichuan/applications/${applied.body.id}/items/${code}`, {
      method: "PUT",
      cookie: staff,
      body: { version: applied.body.version, note: "已制定创建规划", measureKeys: [], recordIds: [], links: [] },
    });
    expect(saved.status, await saved.clone().text()).toBe(200);
    expect(roundTripsOf(saved)).toBe(2);
    const { version } = (await saved.json()) as { version: number };
    const withdrawn = await call(`/api/t/sichuan/applications/${applied.body.id}/withdraw`, {
      cookie: staff,
      body: { version },
    });
    expect(withdrawn.status).toBe(200);
    expect(roundTripsOf(withdrawn)).toBe(2);
  });

  it("an audit chain another isolate extended meanwhile is detected, and the write lands on the real head", async () => {
    expect((await newRecord("链头之前")).status).toBe(201);
    // Another isolate appends to the tenant's chain: this isolate's remembered head is now stale.
    const events = await chain("t-sichuan");
    const head = events.at(-1);
    if (!head) throw new Error("the tenant's chain is empty");
    const fields: AuditFields = {
      id: "foreign-event",
      chain: "t-sichuan",
      tenantId: "t-sichuan",
      actorUserId: null,
      actorRole: null,
      action: "settings.update",
      targetType: "tenant",
      targetId: "t-sichuan",
      beforeDigest: null,
      afterDigest: null,
      reason: null,
      createdAt: new Date().toISOString(),
    };
    const hash = await chainHash(fields, head.hash);
    await env.DB.prepare(
      `insert into audit_events (id, chain, tenant_id, actor_user_id, actor_role, action, target_type, target_id,
        before_digest, after_digest, reason, prev_hash, hash, created_at) values (?, ?, ?, null, null, ?, ?, ?, null, null, null, ?, ?, ?)`,
    )
      .bind(
        fields.id,
        fields.chain,
        fields.tenantId,
        fields.action,
        fields.targetType,
        fields.targetId,
        head.hash,
        hash,
        fields.createdAt,
      )
      .run();
    const created = await callJson<{ id: string }>(`/api/t/sichuan/units/${UNIT}/records`, {
      cookie: staff,
      body: { date: "2026-11-03", kind: "study", title: "链头之后" },
    });
    expect(created.status).toBe(201);
    const after = await chain("t-sichuan");
    expect(after.at(-1)?.targetId).toBe(created.body.id);
    expect(after.at(-1)?.prevHash).toBe(hash);
    expect(await firstBrokenLink(after)).toBe(-1);
  });
});
