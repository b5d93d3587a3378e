import { env } from "cloudflare:workers";
import type { InferRequestType } from "hono/client";
import { beforeAll, describe, expect, it } from "vitest";
import { activate, api, call, failure, ok, statusOf, tenantApi, tokenOf } from "./client.ts";
import { PLACES, signInAll, UNITS } from "./fixtures.ts";
import { count } from "./rows.ts";

type Api = ReturnType<typeof tenantApi>;
type NewPerson = InferRequestType<Api["people"]["$post"]>["json"];
type PersonChange = InferRequestType<Api["people"][":id"]["$patch"]>["json"];
type PeopleQuery = InferRequestType<Api["people"]["$get"]>["query"];
type BulkRow = InferRequestType<Api["people"]["bulk"]["$post"]>["json"]["rows"][number];

let admin: string;
let hubeiAdmin: string;
const PASSWORD = "a-long-enough-passphrase";

beforeAll(async () => {
  ({ sichuanAdmin: admin, hubeiAdmin } = await signInAll("sichuanAdmin", "hubeiAdmin"));
});

const people = (cookie: string | undefined, tenant = "sichuan") => {
  const route = tenantApi(cookie).people;
  const param = { tenant };
  return {
    list: (query: PeopleQuery = {}) => route.$get({ param, query }),
    create: (json: NewPerson) => route.$post({ param, json }),
    bulk: (rows: BulkRow[], dryRun?: boolean) => route.bulk.$post({ param, json: { rows, dryRun } }),
  };
};
const person = (cookie: string | undefined, id: string, tenant = "sichuan") => {
  const route = tenantApi(cookie).people[":id"];
  const param = { tenant, id };
  return {
    get: () => route.$get({ param }),
    change: (json: PersonChange) => route.$patch({ param, json }),
    deactivate: (version: number, reason?: string) => route.deactivate.$post({ param, json: { version, reason } }),
    reactivate: (version: number) => route.reactivate.$post({ param, json: { version } }),
    newLink: (version: number) => route["activation-link"].$post({ param, json: { version } }),
  };
};
const auth = api().api.auth;
const units = (cookie: string) => tenantApi(cookie).units;
const unitStatus = (cookie: string, id: string) =>
  statusOf(units(cookie)[":id"].$get({ param: { tenant: "sichuan", id } }));

async function createReviewer(email: string, jurisdictionId: string = PLACES.deyang, cookie = admin) {
  return ok(people(cookie).create({ email, displayName: `审核员 ${email}`, role: "reviewer", jurisdictionId }), 201);
}

describe("creating people", () => {
  it("creates a city reviewer with a one-time link; the reviewer activates and sees only their city", async () => {
    const created = await createReviewer("newreviewer@sichuan.test", PLACES.dazhou);
    expect(created.person).toMatchObject({
      email: "newreviewer@sichuan.test",
      role: "reviewer",
      activated: false,
      status: "active",
      jurisdiction: { code: "511700", name: "达州市" },
    });
    const inspect = await ok(auth.activation.inspect.$post({ json: { token: tokenOf(created.activationLink) } }));
    expect(inspect).toMatchObject({ purpose: "activation", email: "newreviewer@sichuan.test" });
    const cookie = await activate(created.activationLink, PASSWORD);
    const page = await ok(units(cookie).$get({ param: { tenant: "sichuan" }, query: { pageSize: 100 } }));
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((u) => u.city?.code === "511700")).toBe(true);
    expect(await unitStatus(cookie, UNITS.deyangKexie)).toBe(404);
  });

  it("enforces the password rules at activation", async () => {
    const created = await createReviewer("weak@sichuan.test");
    const token = tokenOf(created.activationLink);
    for (const password of ["short", "weak@sichuan-long-enough", "1234567890", "aaaaaaaaaaaa"]) {
      const body = await failure(auth.activate.$post({ json: { token, password } }), 400);
      expect(Object.keys(body.error.fields ?? {}), password).toEqual(["password"]);
    }
    expect(await count("select count(*) n from users where email = 'weak@sichuan.test' and status = 'pending'")).toBe(
      1,
    );
  });

  it("a tenant admin gets the root as scope, a department account needs its department", async () => {
    const adminCreated = await ok(
      people(admin).create({
        email: "admin2@sichuan.test",
        displayName: "第二管理员",
        role: "tenant_admin",
        jurisdictionId: PLACES.deyang,
      }),
      201,
    );
    expect(adminCreated.person.jurisdiction?.code).toBe("510000");
    const noDept = await people(admin).create({
      email: "jijian@sichuan.test",
      displayName: "纪检",
      role: "department",
      jurisdictionId: PLACES.sichuan,
    });
    expect(noDept.status).toBe(400);
    const dept = await ok(
      people(admin).create({
        email: "jijian@sichuan.test",
        displayName: "纪检",
        role: "department",
        jurisdictionId: PLACES.sichuan,
        department: "纪检监察",
      }),
      201,
    );
    expect(dept.person).toMatchObject({ role: "department", department: "纪检监察" });
  });

  it("refuses an email that already has an account, a scope of another tenant, unknown fields", async () => {
    const taken = await failure(
      people(admin).create({
        email: "Deyang@Sichuan.demo",
        displayName: "x",
        role: "reviewer",
        jurisdictionId: PLACES.deyang,
      }),
      409,
    );
    expect(taken).toMatchObject({ error: { code: "email_taken" } });
    const foreignScope = await failure(
      people(admin).create({
        email: "foreign@sichuan.test",
        displayName: "x",
        role: "reviewer",
        jurisdictionId: PLACES.huangshi,
      }),
      400,
    );
    expect(Object.keys(foreignScope.error.fields ?? {})).toEqual(["jurisdictionId"]);
    // Plain requests: mass assignment sends fields (and a role) the body's type does not allow, on purpose.
    for (const extra of [{ status: "active" }, { tenantId: "t-hubei" }, { createdBy: "me" }, { role: "unit_staff" }]) {
      const response = await call("/api/t/sichuan/people", {
        body: {
          email: "mass@sichuan.test",
          displayName: "x",
          role: "reviewer",
          jurisdictionId: PLACES.deyang,
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
    const body: NewPerson = {
      email: "x@sichuan.test",
      displayName: "x",
      role: "reviewer",
      jurisdictionId: PLACES.deyang,
    };
    const { sichuanProvince, sichuanUnit } = await signInAll("sichuanProvince", "sichuanUnit");
    expect(await statusOf(people(sichuanProvince).create(body))).toBe(403);
    expect(await statusOf(people(sichuanUnit).list())).toBe(403);
    expect(await statusOf(people(undefined).create(body))).toBe(401);
    expect(await statusOf(people(hubeiAdmin).create(body))).toBe(404);
    expect(await statusOf(people(hubeiAdmin).list())).toBe(404);
    expect(await statusOf(person(hubeiAdmin, "sichuan-m-deyang").get())).toBe(404);
    expect(await statusOf(person(hubeiAdmin, "sichuan-m-deyang", "hubei").get())).toBe(404);
    expect(
      await statusOf(person(hubeiAdmin, "sichuan-m-deyang", "hubei").change({ version: 1, role: "tenant_admin" })),
    ).toBe(404);
  });
});

describe("listing people", () => {
  it("searches by name or email, filters by role, pages and clamps pageSize", async () => {
    const body = await ok(people(admin).list({ q: "DEYANG", pageSize: 500 }));
    expect(body.pageSize).toBe(100);
    const found = body.items.map((p) => p.email ?? "");
    expect(found).toContain("deyang@sichuan.demo");
    expect(found.every((email) => email.includes("deyang"))).toBe(true);
    const reviewers = await ok(people(admin).list({ role: "reviewer" }));
    expect(reviewers.items.every((p) => p.role === "reviewer")).toBe(true);
    const hubei = await ok(people(hubeiAdmin, "hubei").list({ pageSize: 100 }));
    expect(hubei.items.some((p) => p.email?.endsWith("sichuan.demo"))).toBe(false);
    // Plain request: a role the query's type does not have, on purpose.
    expect((await call("/api/t/sichuan/people?role=emperor", { cookie: admin })).status).toBe(400);
  });
});

describe("changing people", () => {
  it("a demoted reviewer's very next request is refused", async () => {
    const created = await createReviewer("demoted@sichuan.test");
    const cookie = await activate(created.activationLink, PASSWORD);
    const unitList = () => statusOf(units(cookie).$get({ param: { tenant: "sichuan" }, query: {} }));
    expect(await unitList()).toBe(200);
    const moved = await ok(
      person(admin, created.person.id).change({ version: created.person.version, jurisdictionId: PLACES.dazhou }),
    );
    expect(moved).toMatchObject({ version: created.person.version + 1, jurisdiction: { code: "511700" } });
    expect(await unitStatus(cookie, UNITS.deyangKexie)).toBe(404);
    expect(await unitStatus(cookie, UNITS.dazhouVocational)).toBe(200);
    const deactivated = await ok(person(admin, created.person.id).deactivate(moved.version, "调离"));
    expect(deactivated.status).toBe("disabled");
    expect(await unitList()).toBe(401);
  });

  it("a deactivated user's sessions end; reactivation lets them sign in again", async () => {
    const created = await createReviewer("paused@sichuan.test");
    const cookie = await activate(created.activationLink, PASSWORD);
    const off = await ok(person(admin, created.person.id).deactivate(1));
    expect(await count("select count(*) n from sessions where user_id = ?", created.person.userId)).toBe(0);
    expect(await statusOf(api(cookie).api.auth.me.$get())).toBe(401);
    const on = await ok(person(admin, created.person.id).reactivate(off.version));
    expect(on.status).toBe("active");
    expect(await statusOf(auth.login.$post({ json: { email: "paused@sichuan.test", password: PASSWORD } }))).toBe(200);
  });

  it("a stale version answers 409 with the current state and changes nothing", async () => {
    const created = await createReviewer("contested@sichuan.test");
    await ok(person(admin, created.person.id).change({ version: 1, jurisdictionId: PLACES.dazhou }));
    const events = await count("select count(*) n from audit_events where target_id = ?", created.person.id);
    const second = await failure(person(admin, created.person.id).change({ version: 1, role: "tenant_admin" }), 409);
    expect(second.error).toMatchObject({ code: "stale_version", current: { version: 2, role: "reviewer" } });
    expect(
      await count("select count(*) n from memberships where id = ? and role = 'reviewer'", created.person.id),
    ).toBe(1);
    expect(await count("select count(*) n from audit_events where target_id = ?", created.person.id)).toBe(events);
  });

  it("two concurrent edits at the same version: exactly one wins, one audit event", async () => {
    const created = await createReviewer("race@sichuan.test");
    const before = await count("select count(*) n from audit_events where target_id = ?", created.person.id);
    const results = await Promise.all(
      [PLACES.dazhou, PLACES.chengdu].map((jurisdictionId) =>
        person(admin, created.person.id).change({ version: 1, jurisdictionId }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await count("select count(*) n from audit_events where target_id = ?", created.person.id)).toBe(before + 1);
  });

  it("the last active tenant admin cannot be demoted or deactivated", async () => {
    const body = await ok(people(hubeiAdmin, "hubei").list({ role: "tenant_admin" }));
    const only = body.items[0];
    expect(body.items).toHaveLength(1);
    if (!only) throw new Error("no tenant admin");
    const hubeiPerson = person(hubeiAdmin, only.id, "hubei");
    const demote = await failure(
      hubeiPerson.change({ version: only.version, role: "reviewer", jurisdictionId: PLACES.hubei }),
      409,
    );
    expect(demote).toMatchObject({ error: { code: "last_admin" } });
    expect(await statusOf(hubeiPerson.deactivate(only.version))).toBe(409);
  });

  it("unit staff memberships are not managed here (403)", async () => {
    const body = await ok(people(admin).list({ role: "unit_staff" }));
    const staff = body.items[0];
    if (!staff) throw new Error("no unit staff");
    expect(await statusOf(person(admin, staff.id).deactivate(staff.version))).toBe(403);
  });

  it("a new activation link resets the password and invalidates the previous link", async () => {
    const created = await createReviewer("forgetful@sichuan.test");
    await activate(created.activationLink, PASSWORD);
    const first = await ok(person(admin, created.person.id).newLink(1));
    const second = await ok(person(admin, created.person.id).newLink(1));
    const stale = await auth.activate.$post({
      json: { token: tokenOf(first.activationLink), password: "first-new-passphrase" },
    });
    expect(stale.status).toBe(400);
    const inspect = await ok(auth.activation.inspect.$post({ json: { token: tokenOf(second.activationLink) } }));
    expect(inspect).toMatchObject({ purpose: "reset" });
    await activate(second.activationLink, "second-new-passphrase");
    expect(await statusOf(auth.login.$post({ json: { email: "forgetful@sichuan.test", password: PASSWORD } }))).toBe(
      401,
    );
  });

  it("an activation link expires", async () => {
    const created = await createReviewer("late@sichuan.test");
    await env.DB.prepare("update activation_tokens set expires_at = '2000-01-01T00:00:00.000Z' where user_id = ?")
      .bind(created.person.userId)
      .run();
    const body = await failure(
      auth.activate.$post({ json: { token: tokenOf(created.activationLink), password: PASSWORD } }),
      400,
    );
    expect(body).toMatchObject({ error: { code: "token_invalid" } });
  });

  it("every change writes exactly one audit event with actor, role and digests", async () => {
    const before = await count("select count(*) n from audit_events where chain = 't-sichuan'");
    const created = await createReviewer("audited@sichuan.test");
    await person(admin, created.person.id).change({ version: 1, jurisdictionId: PLACES.dazhou });
    expect(await count("select count(*) n from audit_events where chain = 't-sichuan'")).toBe(before + 2);
    const history = await ok(
      tenantApi(admin)["audit-events"].$get({ param: { tenant: "sichuan" }, query: { targetId: created.person.id } }),
    );
    expect(history.items.map((e) => e.action)).toEqual(["person.update", "person.create"]);
    expect(history.items[0]).toMatchObject({
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
  const rows: BulkRow[] = [
    { displayName: "张三", email: "zhangsan@sichuan.test", role: "审核员", scopeCode: "510600" },
    { displayName: "李四", email: "lisi@sichuan.test", role: "部门账号", scopeCode: "510000", department: "综治" },
    { displayName: "", email: "bad-email", role: "皇帝", scopeCode: "999999" },
    { displayName: "王五", email: "zhangsan@sichuan.test", role: "审核员", scopeCode: "510600" },
    { displayName: "赵六", email: "zhaoliu@sichuan.test", role: "审核员", scopeCode: "420200" },
    { displayName: "钱七", email: "deyang@sichuan.demo", role: "reviewer", scopeCode: "510600" },
  ];

  it("a dry run reports per row and writes nothing", async () => {
    const body = await ok(people(admin).bulk(rows, true));
    expect(body.rows.map((r) => r.outcome)).toEqual(["valid", "valid", "refused", "refused", "refused", "refused"]);
    expect(body.rows[2]?.reasons.length).toBeGreaterThanOrEqual(3);
    expect(body.created).toBe(0);
    expect(await count("select count(*) n from users where email = 'zhangsan@sichuan.test'")).toBe(0);
  });

  it("creates the valid rows with their links and refuses the rest with reasons", async () => {
    const body = await ok(people(admin).bulk(rows));
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
    expect(await statusOf(people(admin).bulk([]))).toBe(400);
    const many = Array.from({ length: 501 }, (_, i) => ({
      displayName: "x",
      email: `m${i}@x.cn`,
      role: "审核员",
      scopeCode: "510600",
    }));
    expect(await statusOf(people(admin).bulk(many))).toBe(400);
  });
});
