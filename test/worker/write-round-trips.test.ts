import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { sealedAuditChain } from "./audit-rows.ts";
import { api, call, ok, signIn, tenantApi } from "./client.ts";
import { DEMO, PNG, publishedProgram, registration, UNITS } from "./fixtures.ts";
import { roundTripsOf } from "./round-trips.ts";

const UNIT = UNITS.deyangKexie;
const DEMO_CRITERIA = "sichuan-criteria-2026";
const tenant = "sichuan";
let staff: string;

const newRecord = (title: string) =>
  tenantApi(staff).units[":unitId"].records.$post({
    param: { tenant, unitId: UNIT },
    json: { date: "2026-11-02", kind: "study", title },
  });

beforeAll(async () => {
  staff = await signIn(DEMO.sichuanUnit);
});

describe("writes take at most two D1 round trips", () => {
  it("logging, changing and deleting a record: what it depends on with the session, then one atomic batch", async () => {
    await ok(newRecord("第一次学习"), 201);
    const created = await newRecord("第二次学习");
    expect(roundTripsOf(created)).toBe(2);
    const { id, version } = await ok(Promise.resolve(created), 201);
    const record = tenantApi(staff).records[":id"];
    const changed = await record.$patch({ param: { tenant, id }, json: { version, title: "第二次学习（补记）" } });
    expect(changed.status).toBe(200);
    expect(roundTripsOf(changed)).toBe(2);
    const stale = await record.$patch({ param: { tenant, id }, json: { version, note: "旧版本" } });
    expect(stale.status).toBe(409);
    expect(roundTripsOf(stale)).toBe(1);
    const deleted = await record.delete.$post({ param: { tenant, id }, json: { version: version + 1 } });
    expect(deleted.status).toBe(200);
    expect(roundTripsOf(deleted)).toBe(2);
  });

  it("creating, saving and publishing a program: two round trips each", async () => {
    const content = {
      title: "往返测试方案",
      startYear: 2027,
      endYear: 2027,
      targetLevel: "city" as const,
      sections: [],
    };
    const created = await tenantApi(staff).units[":unitId"].programs.$post({
      param: { tenant, unitId: UNIT },
      json: content,
    });
    expect(roundTripsOf(created)).toBe(2);
    const { id } = await ok(Promise.resolve(created), 201);
    const program = tenantApi(staff).programs[":id"];
    const saved = await program.$put({
      param: { tenant, id },
      json: { version: 1, content: { ...content, title: "往返测试方案（修订）" } },
    });
    expect(saved.status).toBe(200);
    expect(roundTripsOf(saved)).toBe(2);
    const published = await program.publish.$post({ param: { tenant, id }, json: { version: 2 } });
    expect(published.status).toBe(200);
    expect(roundTripsOf(published)).toBe(2);
  });

  it("creating and opening a round, applying, saving an item, adding and removing evidence, withdrawing: two round trips each", async () => {
    const admin = await signIn(DEMO.sichuanAdmin);
    await publishedProgram(staff);
    // Steady state: this isolate has seen the admin's session in the tenant once.
    await ok(tenantApi(admin).rounds.$get({ param: { tenant } }));
    const creating = await tenantApi(admin).rounds.$post({
      param: { tenant },
      json: { title: "写入往返评选", level: "city", kind: "selection", year: 2026, criteriaSystemId: DEMO_CRITERIA },
    });
    expect(roundTripsOf(creating)).toBe(2);
    const round = await ok(Promise.resolve(creating), 201);
    const advancing = await tenantApi(admin).rounds[":id"].advance.$post({
      param: { tenant, id: round.id },
      json: { version: round.version },
    });
    expect(advancing.status).toBe(200);
    expect(roundTripsOf(advancing)).toBe(2);
    const applying = await tenantApi(staff).rounds[":roundId"].applications.$post({
      param: { tenant, roundId: round.id },
      json: { channel: "city" },
    });
    expect(roundTripsOf(applying)).toBe(2);
    const applied = await ok(Promise.resolve(applying), 201);
    const code = applied.items[0]?.itemCode ?? "";
    const application = tenantApi(staff).applications[":id"];
    const saved = await application.items[":code"].$put({
      param: { tenant, id: applied.id, code },
      json: { version: applied.version, note: "已制定创建规划", measureKeys: [], recordIds: [], links: [] },
    });
    expect(roundTripsOf(saved)).toBe(2);
    // A raw image body: the typed client sends JSON only.
    const uploaded = await call(`/api/t/${tenant}/applications/${applied.id}/items/${code}/files?name=photo.png`, {
      body: PNG,
      cookie: staff,
      headers: { "content-type": "image/png" },
    });
    expect(uploaded.status).toBe(201);
    expect(roundTripsOf(uploaded)).toBe(2);
    const withFile = await ok(application.$get({ param: { tenant, id: applied.id } }));
    const fileId = withFile.items.find((i) => i.itemCode === code)?.files[0]?.id ?? "";
    const removed = await application.files[":fileId"].delete.$post({
      param: { tenant, id: applied.id, fileId },
      json: { version: withFile.version },
    });
    expect(removed.status).toBe(200);
    expect(roundTripsOf(removed)).toBe(2);
    const { version } = await ok(Promise.resolve(removed));
    const withdrawn = await application.withdraw.$post({ param: { tenant, id: applied.id }, json: { version } });
    expect(withdrawn.status).toBe(200);
    expect(roundTripsOf(withdrawn)).toBe(2);
  });

  it("approving a registered unit and recording a title: two round trips each", async () => {
    const deyang = await signIn(DEMO.deyang);
    const registered = await ok(
      api().api.tenants[":slug"].registrations.$post(
        { param: { slug: tenant }, json: registration(880_001) },
        { headers: { "cf-connecting-ip": "198.18.9.1" } },
      ),
      201,
    );
    await ok(tenantApi(deyang).units[":id"].$get({ param: { tenant, id: registered.unitId } }));
    const approved = await tenantApi(deyang).units[":id"].approve.$post({
      param: { tenant, id: registered.unitId },
      json: { version: 1 },
    });
    expect(approved.status).toBe(200);
    expect(roundTripsOf(approved)).toBe(2);
    const titled = await tenantApi(deyang).units[":id"].awards.$post({
      param: { tenant, id: registered.unitId },
      json: { level: "city", termStartYear: 2024, namedOn: "2024-12-20" },
    });
    expect(titled.status).toBe(201);
    expect(roundTripsOf(titled)).toBe(2);
  });

  it("saving the office's settings, its logo and a classification list: two round trips each", async () => {
    const admin = await signIn(DEMO.sichuanAdmin);
    const settings = tenantApi(admin).settings;
    const current = await ok(settings.$get({ param: { tenant } }));
    const { name: _name, logoUrl: _logo, version, ...kept } = current;
    const saved = await settings.$put({
      param: { tenant },
      json: { ...kept, version, displayName: "四川省文明办（测试）" },
    });
    expect(saved.status, await saved.clone().text()).toBe(200);
    expect(roundTripsOf(saved)).toBe(2);
    // A raw image body: the typed client sends JSON only.
    const logo = await call(`/api/t/${tenant}/settings/logo`, {
      method: "PUT",
      body: PNG,
      cookie: admin,
      headers: { "content-type": "image/png" },
    });
    expect(logo.status).toBe(200);
    expect(roundTripsOf(logo)).toBe(2);
    const sectors = tenantApi(admin).classifications[":list"];
    const param = { tenant, list: "sectors" as const };
    const { items } = await ok(sectors.$get({ param }));
    const entries = items.map(({ id, code, name, archived }) => ({ id, code, name, archived }));
    const listed = await sectors.$put({
      param,
      json: { items: [...entries, { code: "test", name: "测试行业", archived: false }] },
    });
    expect(listed.status).toBe(200);
    expect(roundTripsOf(listed)).toBe(2);
  });

  it("copying, creating and saving a criteria system: two round trips each", async () => {
    const admin = await signIn(DEMO.sichuanAdmin);
    const systems = tenantApi(admin)["criteria-systems"];
    const doc = await ok(systems[":id"]["export.json"].$get({ param: { tenant, id: DEMO_CRITERIA } }));
    const copying = await systems[":id"].copy.$post({
      param: { tenant, id: DEMO_CRITERIA },
      json: { name: "往返测试体系", version: 2 },
    });
    expect(roundTripsOf(copying)).toBe(2);
    const copied = await ok(Promise.resolve(copying), 201);
    const creating = await systems.$post({ param: { tenant }, json: { ...doc, name: "往返测试体系（新建）" } });
    expect(creating.status).toBe(201);
    expect(roundTripsOf(creating)).toBe(2);
    const saving = await systems[":id"].$put({
      param: { tenant, id: copied.id },
      json: { rev: copied.rev, content: { ...doc, name: "往返测试体系（修订）" } },
    });
    expect(saving.status).toBe(200);
    expect(roundTripsOf(saving)).toBe(2);
  });

  it("a write reads no chain head: another isolate's event appended meanwhile is sealed before it, in order of insertion", async () => {
    expect((await newRecord("链头之前")).status).toBe(201);
    // Another isolate appends to the tenant's chain, unsealed, as every write does.
    await env.DB.prepare(
      `insert into audit_events (id, chain, tenant_id, action, target_type, target_id)
        values ('foreign-event', 't-sichuan', 't-sichuan', 'settings.update', 'tenant', 't-sichuan')`,
    ).run();
    const writing = tenantApi(staff).units[":unitId"].records.$post({
      param: { tenant, unitId: UNIT },
      json: { date: "2026-11-03", kind: "study", title: "链头之后" },
    });
    expect(roundTripsOf(await writing)).toBe(2);
    const created = await ok(writing, 201);
    const { events, check } = await sealedAuditChain("t-sichuan");
    expect(check).toMatchObject({ unsealed: 0, broken: null });
    const [foreign, mine] = events.slice(-2);
    expect([foreign?.id, mine?.targetId]).toEqual(["foreign-event", created.id]);
    expect(mine?.prevHash).toBe(foreign?.hash);
  });
});
