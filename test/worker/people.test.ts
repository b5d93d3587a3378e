import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { activate, call, callJson, signIn } from "./client.ts";

interface Person {
  id: string;
  userId: string;
  email: string | null;
  displayName: string;
  activated: boolean;
  role: string;
  status: string;
  department: string | null;
  version: number;
  jurisdiction: { id: string; code: string; name: string } | null;
}
interface Created {
  person: Person;
  activationLink: string;
}

const count = async (sql: string, ...binds: string[]) =>
  (
    await env.DB.prepare(sql)
      .bind(...binds)
      .first<{ n: number }>()
  )?.n ?? 0;

let admin: string;
let hubeiAdmin: string;
const PASSWORD = "a-long-enough-passphrase";

beforeAll(async () => {
  admin = await signIn("admin@sichuan.demo");
  hubeiAdmin = await signIn("admin@hubei.demo");
});

async function createReviewer(email: string, jurisdictionId = "sichuan-j-510600", cookie = admin) {
  const { status, body } = await callJson<Created>("/api/t/sichuan/people", {
    body: { email, displayName: `审核员 ${email}`, role: "reviewer", jurisdictionId },
    cookie,
  });
  expect(status).toBe(201);
  return body;
}

describe("creating people", () => {
  it("creates a city reviewer with a one-time link; the reviewer activates and sees only their city", async () => {
    const created = await createReviewer("newreviewer@sichuan.test", "sichuan-j-511700");
    expect(created.person).toMatchObject({
      email: "newreviewer@sichuan.test",
      role: "reviewer",
      activated: false,
      status: "active",
      jurisdiction: { code: "511700", name: "达州市" },
    });
    const inspect = await callJson("/api/auth/activation/inspect", {
      body: { token: new URL(created.activationLink).hash.slice(7) },
    });
    expect(inspect.body).toMatchObject({ purpose: "activation", email: "newreviewer@sichuan.test" });
    const cookie = await activate(created.activationLink, PASSWORD);
    const units = await callJson<{ items: Array<{ city: { code: string } }> }>("/api/t/sichuan/units?pageSize=100", {
      cookie,
    });
    expect(units.body.items.length).toBeGreaterThan(0);
    expect(units.body.items.every((u) => u.city.code === "511700")).toBe(true);
    expect((await call("/api/t/sichuan/units/sichuan-u-deyang-kexie", { cookie })).status).toBe(404);
  });

  it("enforces the password rules at activation", async () => {
    const created = await createReviewer("weak@sichuan.test");
    const token = new URL(created.activationLink).hash.slice(7);
    for (const password of ["short", "weak@sichuan-long-enough", "1234567890", "aaaaaaaaaaaa"]) {
      const { status, body } = await callJson<{ error: { fields: Record<string, string[]> } }>("/api/auth/activate", {
        body: { token, password },
      });
      expect(status, password).toBe(400);
      expect(Object.keys(body.error.fields)).toEqual(["password"]);
    }
    expect(await count("select count(*) n from users where email = 'weak@sichuan.test' and status = 'pending'")).toBe(
      1,
    );
  });

  it("a tenant admin gets the root as scope, a department account needs its department", async () => {
    const adminCreated = await callJson<Created>("/api/t/sichuan/people", {
      body: {
        email: "admin2@sichuan.test",
        displayName: "第二管理员",
        role: "tenant_admin",
        jurisdictionId: "sichuan-j-510600",
      },
      cookie: admin,
    });
    expect(adminCreated.body.person.jurisdiction?.code).toBe("510000");
    const noDept = await callJson("/api/t/sichuan/people", {
      body: {
        email: "jijian@sichuan.test",
        displayName: "纪检",
        role: "department",
        jurisdictionId: "sichuan-j-510000",
      },
      cookie: admin,
    });
    expect(noDept.status).toBe(400);
    const dept = await callJson<Created>("/api/t/sichuan/people", {
      body: {
        email: "jijian@sichuan.test",
        displayName: "纪检",
        role: "department",
        jurisdictionId: "sichuan-j-510000",
        department: "纪检监察",
      },
      cookie: admin,
    });
    expect(dept.body.person).toMatchObject({ role: "department", department: "纪检监察" });
  });

  it("refuses an email that already has an account, a scope of another tenant, unknown fields", async () => {
    const taken = await callJson("/api/t/sichuan/people", {
      body: { email: "Deyang@Sichuan.demo", displayName: "x", role: "reviewer", jurisdictionId: "sichuan-j-510600" },
      cookie: admin,
    });
    expect(taken).toMatchObject({ status: 409, body: { error: { code: "email_taken" } } });
    const foreignScope = await callJson<{ error: { fields: Record<string, string[]> } }>("/api/t/sichuan/people", {
      body: { email: "foreign@sichuan.test", displayName: "x", role: "reviewer", jurisdictionId: "hubei-j-420200" },
      cookie: admin,
    });
    expect(foreignScope.status).toBe(400);
    expect(Object.keys(foreignScope.body.error.fields)).toEqual(["jurisdictionId"]);
    for (const extra of [{ status: "active" }, { tenantId: "t-hubei" }, { createdBy: "me" }, { role: "unit_staff" }]) {
      const response = await call("/api/t/sichuan/people", {
        body: {
          email: "mass@sichuan.test",
          displayName: "x",
          role: "reviewer",
          jurisdictionId: "sichuan-j-510600",
          ...extra,
        },
        cookie: admin,
      });
      expect(response.status, JSON.stringify(extra)).toBe(400);
    }
    expect(
      await count("select count(*) n from users where email in ('foreign@sichuan.test', 'mass@sichuan.test')"),
    ).toBe(0);
  });

  it("is for tenant admins: reviewers and unit staff get 403, anonymous 401, other tenants 404", async () => {
    const body = { email: "x@sichuan.test", displayName: "x", role: "reviewer", jurisdictionId: "sichuan-j-510600" };
    expect((await call("/api/t/sichuan/people", { body, cookie: await signIn("province@sichuan.demo") })).status).toBe(
      403,
    );
    expect((await call("/api/t/sichuan/people", { cookie: await signIn("unit@sichuan.demo") })).status).toBe(403);
    expect((await call("/api/t/sichuan/people", { body })).status).toBe(401);
    expect((await call("/api/t/sichuan/people", { body, cookie: hubeiAdmin })).status).toBe(404);
    expect((await call("/api/t/sichuan/people", { cookie: hubeiAdmin })).status).toBe(404);
    expect((await call("/api/t/sichuan/people/sichuan-m-deyang", { cookie: hubeiAdmin })).status).toBe(404);
    expect((await call("/api/t/hubei/people/sichuan-m-deyang", { cookie: hubeiAdmin })).status).toBe(404);
    expect(
      (
        await call("/api/t/hubei/people/sichuan-m-deyang", {
          method: "PATCH",
          body: { version: 1, role: "tenant_admin" },
          cookie: hubeiAdmin,
        })
      ).status,
    ).toBe(404);
  });
});

describe("listing people", () => {
  it("searches by name or email, filters by role, pages and clamps pageSize", async () => {
    const { body } = await callJson<{ items: Person[]; total: number; pageSize: number }>(
      "/api/t/sichuan/people?q=DEYANG&pageSize=500",
      { cookie: admin },
    );
    expect(body.pageSize).toBe(100);
    expect(body.items.map((p) => p.email)).toEqual(["deyang@sichuan.demo"]);
    const reviewers = await callJson<{ items: Person[] }>("/api/t/sichuan/people?role=reviewer", { cookie: admin });
    expect(reviewers.body.items.every((p) => p.role === "reviewer")).toBe(true);
    const hubei = await callJson<{ items: Person[] }>("/api/t/hubei/people?pageSize=100", { cookie: hubeiAdmin });
    expect(hubei.body.items.some((p) => p.email?.endsWith("sichuan.demo"))).toBe(false);
    expect((await call("/api/t/sichuan/people?role=emperor", { cookie: admin })).status).toBe(400);
  });
});

describe("changing people", () => {
  it("a demoted reviewer's very next request is refused", async () => {
    const created = await createReviewer("demoted@sichuan.test");
    const cookie = await activate(created.activationLink, PASSWORD);
    expect((await call("/api/t/sichuan/units", { cookie })).status).toBe(200);
    const moved = await callJson<Person>(`/api/t/sichuan/people/${created.person.id}`, {
      method: "PATCH",
      body: { version: created.person.version, jurisdictionId: "sichuan-j-511700" },
      cookie: admin,
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ version: created.person.version + 1, jurisdiction: { code: "511700" } });
    expect((await call("/api/t/sichuan/units/sichuan-u-deyang-kexie", { cookie })).status).toBe(404);
    expect((await call("/api/t/sichuan/units/sichuan-u-dazhou-vocational", { cookie })).status).toBe(200);
    const deactivated = await callJson<Person>(`/api/t/sichuan/people/${created.person.id}/deactivate`, {
      body: { version: moved.body.version, reason: "调离" },
      cookie: admin,
    });
    expect(deactivated.body.status).toBe("disabled");
    expect((await call("/api/t/sichuan/units", { cookie })).status).toBe(401);
  });

  it("a deactivated user's sessions end; reactivation lets them sign in again", async () => {
    const created = await createReviewer("paused@sichuan.test");
    const cookie = await activate(created.activationLink, PASSWORD);
    const off = await callJson<Person>(`/api/t/sichuan/people/${created.person.id}/deactivate`, {
      body: { version: 1 },
      cookie: admin,
    });
    expect(off.status).toBe(200);
    expect(await count("select count(*) n from sessions where user_id = ?", created.person.userId)).toBe(0);
    expect((await call("/api/auth/me", { cookie })).status).toBe(401);
    const on = await callJson<Person>(`/api/t/sichuan/people/${created.person.id}/reactivate`, {
      body: { version: off.body.version },
      cookie: admin,
    });
    expect(on.body.status).toBe("active");
    expect(
      (await callJson("/api/auth/login", { body: { email: "paused@sichuan.test", password: PASSWORD } })).status,
    ).toBe(200);
  });

  it("a stale version answers 409 with the current state and changes nothing", async () => {
    const created = await createReviewer("contested@sichuan.test");
    const first = await call(`/api/t/sichuan/people/${created.person.id}`, {
      method: "PATCH",
      body: { version: 1, jurisdictionId: "sichuan-j-511700" },
      cookie: admin,
    });
    expect(first.status).toBe(200);
    const events = await count("select count(*) n from audit_events where target_id = ?", created.person.id);
    const second = await callJson<{ error: { code: string; current: Person } }>(
      `/api/t/sichuan/people/${created.person.id}`,
      {
        method: "PATCH",
        body: { version: 1, role: "tenant_admin" },
        cookie: admin,
      },
    );
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: "stale_version", current: { version: 2, role: "reviewer" } });
    expect(
      await count("select count(*) n from memberships where id = ? and role = 'reviewer'", created.person.id),
    ).toBe(1);
    expect(await count("select count(*) n from audit_events where target_id = ?", created.person.id)).toBe(events);
  });

  it("two concurrent edits at the same version: exactly one wins, one audit event", async () => {
    const created = await createReviewer("race@sichuan.test");
    const before = await count("select count(*) n from audit_events where target_id = ?", created.person.id);
    const results = await Promise.all(
      ["sichuan-j-511700", "sichuan-j-510100"].map((jurisdictionId) =>
        call(`/api/t/sichuan/people/${created.person.id}`, {
          method: "PATCH",
          body: { version: 1, jurisdictionId },
          cookie: admin,
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await count("select count(*) n from audit_events where target_id = ?", created.person.id)).toBe(before + 1);
  });

  it("the last active tenant admin cannot be demoted or deactivated", async () => {
    const { body } = await callJson<{ items: Person[] }>("/api/t/hubei/people?role=tenant_admin", {
      cookie: hubeiAdmin,
    });
    const only = body.items[0];
    expect(body.items).toHaveLength(1);
    const demote = await callJson(`/api/t/hubei/people/${only?.id}`, {
      method: "PATCH",
      body: { version: only?.version, role: "reviewer", jurisdictionId: "hubei-j-420000" },
      cookie: hubeiAdmin,
    });
    expect(demote).toMatchObject({ status: 409, body: { error: { code: "last_admin" } } });
    const off = await callJson(`/api/t/hubei/people/${only?.id}/deactivate`, {
      body: { version: only?.version },
      cookie: hubeiAdmin,
    });
    expect(off.status).toBe(409);
  });

  it("unit staff memberships are not managed here (403)", async () => {
    const { body } = await callJson<{ items: Person[] }>("/api/t/sichuan/people?role=unit_staff", { cookie: admin });
    const staff = body.items[0];
    const response = await call(`/api/t/sichuan/people/${staff?.id}/deactivate`, {
      body: { version: staff?.version },
      cookie: admin,
    });
    expect(response.status).toBe(403);
  });

  it("a new activation link resets the password and invalidates the previous link", async () => {
    const created = await createReviewer("forgetful@sichuan.test");
    await activate(created.activationLink, PASSWORD);
    const first = await callJson<{ activationLink: string }>(
      `/api/t/sichuan/people/${created.person.id}/activation-link`,
      {
        body: { version: 1 },
        cookie: admin,
      },
    );
    const second = await callJson<{ activationLink: string }>(
      `/api/t/sichuan/people/${created.person.id}/activation-link`,
      {
        body: { version: 1 },
        cookie: admin,
      },
    );
    const stale = await callJson("/api/auth/activate", {
      body: { token: new URL(first.body.activationLink).hash.slice(7), password: "first-new-passphrase" },
    });
    expect(stale.status).toBe(400);
    const inspect = await callJson("/api/auth/activation/inspect", {
      body: { token: new URL(second.body.activationLink).hash.slice(7) },
    });
    expect(inspect.body).toMatchObject({ purpose: "reset" });
    await activate(second.body.activationLink, "second-new-passphrase");
    expect(
      (await callJson("/api/auth/login", { body: { email: "forgetful@sichuan.test", password: PASSWORD } })).status,
    ).toBe(401);
  });

  it("an activation link expires", async () => {
    const created = await createReviewer("late@sichuan.test");
    await env.DB.prepare("update activation_tokens set expires_at = '2000-01-01T00:00:00.000Z' where user_id = ?")
      .bind(created.person.userId)
      .run();
    const { status, body } = await callJson("/api/auth/activate", {
      body: { token: new URL(created.activationLink).hash.slice(7), password: PASSWORD },
    });
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: { code: "token_invalid" } });
  });

  it("every change writes exactly one audit event with actor, role and digests", async () => {
    const before = await count("select count(*) n from audit_events where chain = 't-sichuan'");
    const created = await createReviewer("audited@sichuan.test");
    await call(`/api/t/sichuan/people/${created.person.id}`, {
      method: "PATCH",
      body: { version: 1, jurisdictionId: "sichuan-j-511700" },
      cookie: admin,
    });
    expect(await count("select count(*) n from audit_events where chain = 't-sichuan'")).toBe(before + 2);
    const history = await callJson<{
      items: Array<{ action: string; actor: { displayName: string }; actorRole: string }>;
    }>(`/api/t/sichuan/audit-events?targetId=${created.person.id}`, { cookie: admin });
    expect(history.body.items.map((e) => e.action)).toEqual(["person.update", "person.create"]);
    expect(history.body.items[0]).toMatchObject({
      actorRole: "tenant_admin",
      actor: { displayName: "四川省文明办管理员" },
    });
    expect(
      await count(
        "select count(*) n from audit_events where target_id = ? and before_digest is not null and after_digest is not null",
        created.person.id,
      ),
    ).toBe(1);
  });
});

describe("bulk creation from spreadsheet rows", () => {
  const rows = [
    { displayName: "张三", email: "zhangsan@sichuan.test", role: "审核员", scopeCode: "510600" },
    { displayName: "李四", email: "lisi@sichuan.test", role: "部门账号", scopeCode: "510000", department: "综治" },
    { displayName: "", email: "bad-email", role: "皇帝", scopeCode: "999999" },
    { displayName: "王五", email: "zhangsan@sichuan.test", role: "审核员", scopeCode: "510600" },
    { displayName: "赵六", email: "zhaoliu@sichuan.test", role: "审核员", scopeCode: "420200" },
    { displayName: "钱七", email: "deyang@sichuan.demo", role: "reviewer", scopeCode: "510600" },
  ];

  it("a dry run reports per row and writes nothing", async () => {
    const { status, body } = await callJson<{ rows: Array<{ outcome: string; reasons: string[] }>; created: number }>(
      "/api/t/sichuan/people/bulk",
      { body: { rows, dryRun: true }, cookie: admin },
    );
    expect(status).toBe(200);
    expect(body.rows.map((r) => r.outcome)).toEqual(["valid", "valid", "refused", "refused", "refused", "refused"]);
    expect(body.rows[2]?.reasons.length).toBeGreaterThanOrEqual(3);
    expect(body.created).toBe(0);
    expect(await count("select count(*) n from users where email = 'zhangsan@sichuan.test'")).toBe(0);
  });

  it("creates the valid rows with their links and refuses the rest with reasons", async () => {
    const { body } = await callJson<{
      created: number;
      refused: number;
      rows: Array<{ outcome: string; activationLink: string | null }>;
    }>("/api/t/sichuan/people/bulk", { body: { rows }, cookie: admin });
    expect(body).toMatchObject({ created: 2, refused: 4 });
    expect(body.rows[0]?.activationLink).toMatch(/#token=/);
    expect(body.rows[2]?.activationLink).toBeNull();
    expect(
      await count(
        "select count(*) n from memberships m join users u on u.id = m.user_id where u.email = 'lisi@sichuan.test' and m.department = '综治'",
      ),
    ).toBe(1);
    await activate(body.rows[0]?.activationLink ?? "", PASSWORD);
  });

  it("refuses an empty sheet and more than 500 rows", async () => {
    expect((await call("/api/t/sichuan/people/bulk", { body: { rows: [] }, cookie: admin })).status).toBe(400);
    const many = Array.from({ length: 501 }, (_, i) => ({
      displayName: "x",
      email: `m${i}@x.cn`,
      role: "审核员",
      scopeCode: "510600",
    }));
    expect((await call("/api/t/sichuan/people/bulk", { body: { rows: many }, cookie: admin })).status).toBe(400);
  });
});
