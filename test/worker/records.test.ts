import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import type { InferRequestType, InferResponseType } from "hono/client";
import { beforeAll, describe, expect, it } from "vitest";
import { recordAttachments } from "../../db/schema.ts";
import { createDb } from "../../worker/data/db.ts";
import { attachmentInsert, newRecordStatement } from "../../worker/data/records.ts";
import type { Scope } from "../../worker/data/scope.ts";
import { unitRef } from "../../worker/data/unit-access.ts";
import { beijingToday, beijingYear, lastTwelveMonths } from "../../worker/domain/record-rules.ts";
import { call, callJson, type ErrorBody, failure, ok, statusOf, tenantApi } from "./client.ts";
import { PDF, PNG, signInAll, UNITS } from "./fixtures.ts";
import { count } from "./rows.ts";

const KEXIE = UNITS.deyangKexie;
const EDUCATION = UNITS.deyangEducation;
const DAZHOU = UNITS.dazhouVocational;

type Api = ReturnType<typeof tenantApi>;
type NewRecord = InferRequestType<Api["units"][":unitId"]["records"]["$post"]>["json"];
type RecordChange = InferRequestType<Api["records"][":id"]["$patch"]>["json"];
type RecordQuery = InferRequestType<Api["units"][":unitId"]["records"]["$get"]>["query"];
type Attachment = InferResponseType<Api["records"][":id"]["attachments"]["$post"], 201>;

const listRecords = (cookie: string | undefined, unitId: string, query: RecordQuery = {}, tenant = "sichuan") =>
  tenantApi(cookie).units[":unitId"].records.$get({ param: { tenant, unitId }, query });
const postRecord = (cookie: string | undefined, unitId: string, json: NewRecord, tenant = "sichuan") =>
  tenantApi(cookie).units[":unitId"].records.$post({ param: { tenant, unitId }, json });
const patchRecord = (cookie: string | undefined, id: string, json: RecordChange, tenant = "sichuan") =>
  tenantApi(cookie).records[":id"].$patch({ param: { tenant, id }, json });
const deleteRecord = (cookie: string | undefined, id: string, version: number, tenant = "sichuan") =>
  tenantApi(cookie).records[":id"].delete.$post({ param: { tenant, id }, json: { version } });
const attachment = (cookie: string | undefined, id: string, tenant = "sichuan") =>
  tenantApi(cookie).attachments[":id"].$get({ param: { tenant, id } });
const progress = (cookie: string | undefined, unitId: string, tenant = "sichuan") =>
  tenantApi(cookie).units[":unitId"].progress.$get({ param: { tenant, unitId } });
/** The records path, for the plain requests that send bodies breaking the route's types on purpose. */
const recordsPath = (unitId: string) => `/api/t/sichuan/units/${unitId}/records`;

const r2Count = async (prefix = "") => (await env.FILES.list({ prefix })).objects.length;

const today = beijingToday(new Date());
/** A date two days ahead: in the future whatever the hour in Beijing. */
const future = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);

let staff: string;
let deyang: string;
let dazhou: string;
let province: string;
let admin: string;
let hubeiStaff: string;

beforeAll(async () => {
  ({
    sichuanUnit: staff,
    deyang,
    dazhou,
    sichuanProvince: province,
    sichuanAdmin: admin,
    hubeiUnit: hubeiStaff,
  } = await signInAll("sichuanUnit", "deyang", "dazhou", "sichuanProvince", "sichuanAdmin", "hubeiUnit"));
});

const base = { date: today, kind: "study", title: "学习党的二十届四中全会精神" } as const;

async function createRecord(body: Partial<NewRecord> = {}, cookie = staff, unitId = KEXIE) {
  return ok(postRecord(cookie, unitId, { ...base, ...body }), 201);
}

/** A raw file upload: the typed client sends only JSON bodies, so this is a plain request. */
const upload = (recordId: string, bytes: Uint8Array | string, type: string, name = "照片 1.png", cookie = staff) =>
  call(`/api/t/sichuan/records/${recordId}/attachments?name=${encodeURIComponent(name)}`, {
    method: "POST",
    body: bytes,
    cookie,
    headers: { "content-type": type },
  });
/** A stored upload (201) and the attachment it answers with. */
const uploaded = async (response: Promise<Response>) => (await ok(response, 201)) as Attachment;

/** A published (or draft) program of a unit with its measures, written straight to the tables. */
async function insertProgram(
  id: string,
  unitId: string,
  years: [number, number],
  measures: Array<{ key: string; departments: string; status: string; progress?: number }>,
  status = "published",
) {
  await env.DB.prepare(
    `insert into programs (id, tenant_id, unit_id, title, start_year, end_year, target_level, status, draft,
       published_version, updated_at)
     values (?, 't-sichuan', ?, ?, ?, ?, 'city', ?, '{"sections":[]}', ?, '2026-01-01T00:00:00.000Z')`,
  )
    .bind(id, unitId, `方案 ${id}`, years[0], years[1], status, status === "published" ? 2 : 0)
    .run();
  for (const [position, m] of measures.entries()) {
    await env.DB.prepare(
      `insert into program_measures (id, tenant_id, unit_id, program_id, measure_key, position, title, departments,
         progress, status) values (?, 't-sichuan', ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
      .bind(`${id}-${m.key}`, unitId, id, m.key, position, `措施 ${m.key}`, m.departments, m.progress ?? 0, m.status)
      .run();
  }
}

describe("logging records", () => {
  it("unit staff log a record and read it back, newest first, with only the record's fields", async () => {
    const older = await createRecord({ date: "2025-05-04", kind: "volunteer", quantity: 12.5, quantityUnit: "hours" });
    const newer = await createRecord({ people: 42, note: "  全体党员参加  " });
    expect(newer).toEqual({
      id: expect.any(String),
      date: today,
      kind: "study",
      title: base.title,
      people: 42,
      quantity: null,
      quantityUnit: null,
      programId: null,
      measureKey: null,
      note: "全体党员参加",
      createdAt: expect.any(String),
      version: 1,
      attachments: [],
    });
    const body = await ok(listRecords(staff, KEXIE));
    const ids = body.items.map((r) => r.id);
    expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));
    expect(body.items.find((r) => r.id === older.id)).toMatchObject({ quantity: 12.5, quantityUnit: "hours" });
    expect(JSON.stringify(body)).not.toMatch(/@|createdBy|tenantId|deletedAt/);
  });

  it("links a record to a measure of the unit's published program, and refuses any other measure with the field", async () => {
    await insertProgram("p-kexie", KEXIE, [2025, 2027], [{ key: "m-1", departments: '["办公室"]', status: "done" }]);
    await insertProgram("p-education", EDUCATION, [2025, 2027], [{ key: "m-9", departments: "[]", status: "done" }]);
    const linked = await createRecord({ programId: "p-kexie", measureKey: "m-1" });
    expect(linked).toMatchObject({ programId: "p-kexie", measureKey: "m-1" });
    const before = await count("select count(*) n from records");
    for (const [link, field] of [
      [{ programId: "p-kexie", measureKey: "m-9" }, "measureKey"],
      [{ programId: "p-education", measureKey: "m-9" }, "measureKey"],
      [{ programId: "p-kexie" }, "measureKey"],
      [{ measureKey: "m-1" }, "measureKey"],
      [{ quantity: 3 }, "quantityUnit"],
      [{ quantityUnit: "count" }, "quantityUnit"],
    ] as const) {
      const body = await failure(postRecord(staff, KEXIE, { ...base, ...link }), 400);
      expect(Object.keys(body.error.fields ?? {}), JSON.stringify(link)).toEqual([field]);
    }
    expect(await count("select count(*) n from records")).toBe(before);
  });

  it("refuses bad dates, lengths, numbers and types with the fields at fault, and writes nothing", async () => {
    const before = await count("select count(*) n from records");
    // Plain requests: wrong types, missing fields and malformed JSON break the body's types on purpose.
    for (const [bad, field] of [
      [{ date: "2026-02-30" }, "date"],
      [{ date: "2026/01/05" }, "date"],
      [{ date: "1999-12-31" }, "date"],
      [{ date: future }, "date"],
      [{ date: 20260105 }, "date"],
      [{ kind: "party" }, "kind"],
      [{ title: "" }, "title"],
      [{ title: "   " }, "title"],
      [{ title: "长".repeat(201) }, "title"],
      [{ title: 5 }, "title"],
      [{ note: "注".repeat(2001) }, "note"],
      [{ people: -1 }, "people"],
      [{ people: 1.5 }, "people"],
      [{ people: 100_001 }, "people"],
      [{ people: "10" }, "people"],
      [{ quantity: -0.5, quantityUnit: "hours" }, "quantity"],
      [{ quantity: 1_000_001, quantityUnit: "hours" }, "quantity"],
      [{ quantity: 2, quantityUnit: "days" }, "quantityUnit"],
    ] as const) {
      const { status, body } = await callJson<ErrorBody>(recordsPath(KEXIE), {
        body: { ...base, ...bad },
        cookie: staff,
      });
      expect(status, JSON.stringify(bad).slice(0, 80)).toBe(400);
      expect(body.error.code).toBe("validation_failed");
      expect(Object.keys(body.error.fields ?? {})).toEqual([field]);
    }
    const missing = await callJson<ErrorBody>(recordsPath(KEXIE), { body: { kind: "study" }, cookie: staff });
    expect(Object.keys(missing.body.error.fields ?? {}).sort()).toEqual(["date", "title"]);
    expect((await call(recordsPath(KEXIE), { body: "{not json", cookie: staff })).status).toBe(400);
    expect(await count("select count(*) n from records")).toBe(before);
  });

  it("refuses unknown fields (status, tenantId, unitId, createdBy, version) and writes nothing", async () => {
    const before = await count("select count(*) n from records");
    // Plain requests: mass assignment sends fields the body's type does not have, on purpose.
    for (const extra of [
      { status: "approved" },
      { tenantId: "t-hubei" },
      { unitId: EDUCATION },
      { createdBy: "user-admin-sichuan-demo" },
      { version: 7 },
      { deletedAt: null },
    ]) {
      const { status, body } = await callJson<ErrorBody>(recordsPath(KEXIE), {
        body: { ...base, ...extra },
        cookie: staff,
      });
      expect(status, JSON.stringify(extra)).toBe(400);
      expect(body.error.fieldsEn?._?.[0]).toMatch(/unknown field/);
    }
    expect(await count("select count(*) n from records")).toBe(before);
  });

  it("filters by kind, dates and measure, pages, and clamps pageSize", async () => {
    for (let i = 1; i <= 3; i++) await createRecord({ kind: "honour", date: `2024-0${i}-10`, title: `荣誉 ${i}` });
    const honours = await ok(listRecords(staff, KEXIE, { kind: "honour", pageSize: 500 }));
    expect(honours).toMatchObject({ total: 3, page: 1, pageSize: 100 });
    expect(honours.items.map((r) => r.date)).toEqual(["2024-03-10", "2024-02-10", "2024-01-10"]);
    const range = await ok(listRecords(staff, KEXIE, { kind: "honour", from: "2024-02-01", to: "2024-02-28" }));
    expect(range.items.map((r) => r.title)).toEqual(["荣誉 2"]);
    const second = await ok(listRecords(staff, KEXIE, { kind: "honour", pageSize: 2, page: 2 }));
    expect(second.items.map((r) => r.title)).toEqual(["荣誉 1"]);
    const byMeasure = await ok(listRecords(staff, KEXIE, { measureKey: "m-1" }));
    expect(byMeasure.items.every((r) => r.measureKey === "m-1")).toBe(true);
    expect(byMeasure.total).toBe(1);
    // Plain requests: values and a field the query's types do not allow, on purpose.
    for (const bad of ["?kind=party", "?from=2024-13-01", "?pageSize=0", "?page=x", "?tenantId=t-hubei"]) {
      expect((await call(`${recordsPath(KEXIE)}${bad}`, { cookie: staff })).status, bad).toBe(400);
    }
  });
});

describe("who may read and write records", () => {
  it("reads: the unit's staff, reviewers over it and tenant admins; 404 out of scope or tenant; 401 anonymous", async () => {
    for (const cookie of [staff, deyang, province, admin]) {
      expect(await statusOf(listRecords(cookie, KEXIE))).toBe(200);
    }
    expect(await statusOf(listRecords(dazhou, KEXIE))).toBe(404);
    expect(await statusOf(listRecords(deyang, DAZHOU))).toBe(404);
    expect(await statusOf(listRecords(staff, EDUCATION))).toBe(404);
    expect(await statusOf(listRecords(hubeiStaff, KEXIE))).toBe(404);
    expect(await statusOf(listRecords(admin, UNITS.dayeKexie))).toBe(404);
    expect(await statusOf(listRecords(hubeiStaff, KEXIE, {}, "hubei"))).toBe(404);
    expect(await statusOf(listRecords(undefined, KEXIE))).toBe(401);
  });

  it("writes: only the unit's own staff; reviewers and admins 403, other units and tenants 404", async () => {
    const record = await createRecord();
    const before = await count("select count(*) n from records");
    expect(await statusOf(postRecord(deyang, KEXIE, base))).toBe(403);
    expect(await statusOf(postRecord(admin, KEXIE, base))).toBe(403);
    expect(await statusOf(postRecord(dazhou, KEXIE, base))).toBe(404);
    expect(await statusOf(postRecord(staff, EDUCATION, base))).toBe(404);
    expect(await statusOf(postRecord(hubeiStaff, KEXIE, base))).toBe(404);
    expect(await statusOf(postRecord(staff, UNITS.dayeKexie, base))).toBe(404);
    expect(await statusOf(postRecord(undefined, KEXIE, base))).toBe(401);
    const change = { version: 1, title: "改" };
    expect(await statusOf(patchRecord(province, record.id, change))).toBe(403);
    expect(await statusOf(patchRecord(dazhou, record.id, change))).toBe(404);
    expect(await statusOf(patchRecord(hubeiStaff, record.id, change))).toBe(404);
    expect(await statusOf(patchRecord(hubeiStaff, record.id, change, "hubei"))).toBe(404);
    expect(await statusOf(patchRecord(undefined, record.id, change))).toBe(401);
    expect(await statusOf(deleteRecord(deyang, record.id, 1))).toBe(403);
    expect(await statusOf(deleteRecord(dazhou, record.id, 1))).toBe(404);
    expect(await statusOf(deleteRecord(hubeiStaff, record.id, 1, "hubei"))).toBe(404);
    expect(await statusOf(deleteRecord(undefined, record.id, 1))).toBe(401);
    expect(await count("select count(*) n from records")).toBe(before);
    expect(
      await count("select count(*) n from records where id = ? and version = 1 and deleted_at is null", record.id),
    ).toBe(1);
  });

  it("staff of a unit not yet approved get 403 unit_not_active on every write, and still read", async () => {
    const record = await createRecord();
    await env.DB.prepare("update units set status = 'pending' where id = ?").bind(KEXIE).run();
    try {
      const replies = [
        await failure(postRecord(staff, KEXIE, base), 403),
        await failure(patchRecord(staff, record.id, { version: 1, title: "改" }), 403),
        await failure(deleteRecord(staff, record.id, 1), 403),
        await failure(upload(record.id, PNG, "image/png"), 403),
      ];
      for (const reply of replies) expect(reply).toMatchObject({ error: { code: "unit_not_active" } });
      expect(await statusOf(listRecords(staff, KEXIE))).toBe(200);
      expect(await r2Count(`tenants/t-sichuan/records/${record.id}/`)).toBe(0);
    } finally {
      await env.DB.prepare("update units set status = 'active' where id = ?").bind(KEXIE).run();
    }
  });
});

describe("editing and deleting records", () => {
  it("a PATCH changes only the fields sent, clears with null and bumps the version", async () => {
    const record = await createRecord({ people: 8, note: "初稿", quantity: 2, quantityUnit: "count" });
    const body = await ok(
      patchRecord(staff, record.id, {
        version: 1,
        title: "修改后的标题",
        note: null,
        quantity: null,
        quantityUnit: null,
      }),
    );
    expect(body).toMatchObject({
      title: "修改后的标题",
      people: 8,
      note: null,
      quantity: null,
      quantityUnit: null,
      date: today,
      version: 2,
    });
    const halfPair = await failure(patchRecord(staff, record.id, { version: 2, quantity: 5 }), 400);
    expect(Object.keys(halfPair.error.fields ?? {})).toEqual(["quantityUnit"]);
  });

  it("refuses unknown fields and bad values in a PATCH and leaves the record unchanged", async () => {
    const record = await createRecord();
    // Plain requests: unknown fields, wrong types and a missing version break the body's types on purpose.
    for (const bad of [
      { tenantId: "t-hubei" },
      { unitId: EDUCATION },
      { createdBy: "x" },
      { status: "deleted" },
      { deletedAt: null },
      { date: future },
      { title: "" },
      { version: "1" },
    ]) {
      const response = await call(`/api/t/sichuan/records/${record.id}`, {
        method: "PATCH",
        body: { version: 1, ...bad },
        cookie: staff,
      });
      expect(response.status, JSON.stringify(bad)).toBe(400);
    }
    expect(
      (await call(`/api/t/sichuan/records/${record.id}`, { method: "PATCH", body: { title: "x" }, cookie: staff }))
        .status,
    ).toBe(400);
    expect(
      (await call(`/api/t/sichuan/records/${record.id}/delete`, { body: { version: 1, reason: "x" }, cookie: staff }))
        .status,
    ).toBe(400);
    expect(
      await count(
        "select count(*) n from records where id = ? and version = 1 and title = ? and deleted_at is null",
        record.id,
        base.title,
      ),
    ).toBe(1);
  });

  it("a stale version answers 409 with the current record and changes nothing", async () => {
    const record = await createRecord();
    await ok(patchRecord(staff, record.id, { version: 1, title: "第一位" }));
    const stale = await failure(patchRecord(staff, record.id, { version: 1, title: "第二位" }), 409);
    expect(stale.error).toMatchObject({ code: "stale_version", current: { title: "第一位", version: 2 } });
    const staleDelete = await failure(deleteRecord(staff, record.id, 1), 409);
    expect(staleDelete.error.current).toMatchObject({ version: 2 });
    expect(
      await count("select count(*) n from records where id = ? and title = '第一位' and deleted_at is null", record.id),
    ).toBe(1);
  });

  it("two concurrent edits over the same version: one wins, the other gets 409", async () => {
    const record = await createRecord();
    const edits = await Promise.all(["甲", "乙"].map((title) => patchRecord(staff, record.id, { version: 1, title })));
    expect(edits.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await count("select count(*) n from records where id = ? and version = 2", record.id)).toBe(1);
    expect(
      await count("select count(*) n from audit_events where target_id = ? and action = 'record.update'", record.id),
    ).toBe(1);
  });

  it("deleting hides the record from lists, edits and its files, and keeps the row", async () => {
    const record = await createRecord({ title: "将被删除" });
    const file = await uploaded(upload(record.id, PNG, "image/png"));
    expect(await ok(deleteRecord(staff, record.id, 1))).toEqual({ ok: true });
    const list = await ok(listRecords(staff, KEXIE, { pageSize: 100 }));
    expect(list.items.map((r) => r.id)).not.toContain(record.id);
    expect(
      await count("select count(*) n from records where id = ? and deleted_at is not null and version = 2", record.id),
    ).toBe(1);
    expect(await statusOf(patchRecord(staff, record.id, { version: 2, title: "x" }))).toBe(404);
    expect(await statusOf(deleteRecord(staff, record.id, 2))).toBe(404);
    expect(await statusOf(attachment(staff, file.id))).toBe(404);
    expect((await upload(record.id, PNG, "image/png")).status).toBe(404);
  });

  it("every mutation writes exactly one audit event with actor and role", async () => {
    const events = (id: string) =>
      count(
        "select count(*) n from audit_events where target_id = ? and actor_user_id = 'user-unit-sichuan-demo' and actor_role = 'unit_staff'",
        id,
      );
    const record = await createRecord();
    expect(await events(record.id)).toBe(1);
    await patchRecord(staff, record.id, { version: 1, people: 3 });
    expect(await events(record.id)).toBe(2);
    await upload(record.id, PNG, "image/png");
    expect(await events(record.id)).toBe(3);
    await deleteRecord(staff, record.id, 2);
    expect(await events(record.id)).toBe(4);
    const actions = await env.DB.prepare("select action from audit_events where target_id = ? order by rowid")
      .bind(record.id)
      .all<{ action: string }>();
    expect(actions.results.map((a) => a.action)).toEqual([
      "record.create",
      "record.update",
      "record.attach",
      "record.delete",
    ]);
    // Refused writes leave no trace.
    await patchRecord(staff, record.id, { version: 1, people: 4 });
    expect(await events(record.id)).toBe(4);
  });

  it("a failed statement in the batch leaves neither the record nor its attachment", async () => {
    const db = createDb(env.DB);
    const scope: Scope = {
      tenantId: "t-sichuan",
      tenantSlug: "sichuan",
      userId: "user-unit-sichuan-demo",
      role: "unit_staff",
      jurisdictionPath: null,
      unitId: KEXIE,
      department: null,
    };
    const created = newRecordStatement(db, scope, unitRef(db, scope, KEXIE), {
      date: today,
      kind: "rule",
      title: "原子性测试",
      people: null,
      quantity: null,
      quantityUnit: null,
      programId: null,
      measureKey: null,
      note: null,
    });
    const file = {
      id: "att-atomic",
      recordId: created.id,
      key: "k",
      name: "a.png",
      contentType: "image/png" as const,
      size: 1,
    };
    const broken = db
      .insert(recordAttachments)
      .values({ ...file, id: "att-broken", tenantId: "t-sichuan", recordId: "no-such-record" });
    await expect(db.batch([created.statement, attachmentInsert(db, scope, file, 10), broken])).rejects.toThrow(
      /FOREIGN KEY/,
    );
    expect(await count("select count(*) n from records where id = ?", created.id)).toBe(0);
    expect(await count("select count(*) n from record_attachments where id in ('att-atomic', 'att-broken')")).toBe(0);
    await db.batch([created.statement, attachmentInsert(db, scope, file, 10)]);
    expect(await count("select count(*) n from record_attachments where id = 'att-atomic'")).toBe(1);
    await db.run(sql`delete from record_attachments where id = 'att-atomic'`);
  });
});

describe("attachments", () => {
  it("stores a PNG and a PDF in R2 under the record and lists them on the record", async () => {
    const record = await createRecord();
    const png = await upload(record.id, PNG, "image/png", "活动照片.png");
    expect(png.status).toBe(201);
    expect(await png.json()).toEqual({
      id: expect.any(String),
      name: "活动照片.png",
      contentType: "image/png",
      size: PNG.length,
    });
    expect((await upload(record.id, PDF, "application/pdf", "会议纪要.pdf")).status).toBe(201);
    const objects = (await env.FILES.list({ prefix: `tenants/t-sichuan/records/${record.id}/` })).objects;
    expect(objects).toHaveLength(2);
    const listed = await ok(listRecords(staff, KEXIE, { pageSize: 100 }));
    expect(
      listed.items
        .find((r) => r.id === record.id)
        ?.attachments.map((a) => a.name)
        .sort(),
    ).toEqual(["会议纪要.pdf", "活动照片.png"]);
  });

  it("serves a file in scope with safe headers: images inline, PDFs as downloads, never cached", async () => {
    const record = await createRecord();
    const png = await uploaded(upload(record.id, PNG, "image/png", "活动 照片(1).png"));
    const pdf = await uploaded(upload(record.id, PDF, "application/pdf", "纪要.pdf"));
    const image = await attachment(deyang, png.id);
    expect(image.status).toBe(200);
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(PNG);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(image.headers.get("content-disposition")).toBe(
      "inline; filename*=UTF-8''%E6%B4%BB%E5%8A%A8%20%E7%85%A7%E7%89%87%281%29.png",
    );
    expect(image.headers.get("x-content-type-options")).toBe("nosniff");
    expect(image.headers.get("cache-control")).toBe("private, no-store");
    expect(image.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    const document = await attachment(staff, pdf.id);
    expect(document.headers.get("content-disposition")).toBe("attachment; filename*=UTF-8''%E7%BA%AA%E8%A6%81.pdf");
    expect(new Uint8Array(await document.arrayBuffer())).toEqual(PDF);
  });

  it("a file is 404 outside its record's scope and tenant, 401 anonymous", async () => {
    const record = await createRecord();
    const png = await uploaded(upload(record.id, PNG, "image/png"));
    expect(await statusOf(attachment(province, png.id))).toBe(200);
    expect(await statusOf(attachment(dazhou, png.id))).toBe(404);
    expect(await statusOf(attachment(hubeiStaff, png.id))).toBe(404);
    expect(await statusOf(attachment(hubeiStaff, png.id, "hubei"))).toBe(404);
    expect(await statusOf(attachment(undefined, png.id))).toBe(401);
    expect(await statusOf(attachment(staff, "no-such-file"))).toBe(404);
  });

  it("refuses oversize files, other types, mismatched content, bad names and other roles; stores nothing", async () => {
    const record = await createRecord();
    const r2Before = await r2Count();
    const rowsBefore = await count("select count(*) n from record_attachments");
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(PNG);
    expect((await upload(record.id, big, "image/png")).status).toBe(413);
    expect((await upload(record.id, "<svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg+xml")).status).toBe(415);
    expect((await upload(record.id, "<html><script>alert(1)</script>", "text/html")).status).toBe(415);
    expect((await upload(record.id, PNG, "application/json")).status).toBe(415);
    const mismatch = await failure(upload(record.id, PNG, "application/pdf"), 400);
    expect(Object.keys(mismatch.error.fields ?? {})).toEqual(["file"]);
    expect((await upload(record.id, "<html>not a pdf</html>", "application/pdf")).status).toBe(400);
    expect((await upload(record.id, new Uint8Array(0), "image/png")).status).toBe(400);
    expect((await upload(record.id, PNG, "image/png", "")).status).toBe(400);
    expect((await upload(record.id, PNG, "image/png", "../../etc/passwd")).status).toBe(400);
    expect((await upload(record.id, PNG, "image/png", "名".repeat(201))).status).toBe(400);
    expect((await upload(record.id, PNG, "image/png", "a.png", deyang)).status).toBe(403);
    expect((await upload(record.id, PNG, "image/png", "a.png", dazhou)).status).toBe(404);
    expect((await upload(record.id, PNG, "image/png", "a.png", hubeiStaff)).status).toBe(404);
    expect(
      (
        await call(`/api/t/sichuan/records/${record.id}/attachments?name=a.png`, {
          method: "POST",
          body: PNG,
          headers: { "content-type": "image/png" },
        })
      ).status,
    ).toBe(401);
    expect(await r2Count()).toBe(r2Before);
    expect(await count("select count(*) n from record_attachments")).toBe(rowsBefore);
  });

  it("the eleventh file of a record is refused with 409 and not stored", async () => {
    const record = await createRecord();
    for (let i = 1; i <= 10; i++) expect((await upload(record.id, PNG, "image/png", `${i}.png`)).status).toBe(201);
    const eleventh = await failure(upload(record.id, PNG, "image/png", "11.png"), 409);
    expect(eleventh.error.code).toBe("too_many_attachments");
    expect(await r2Count(`tenants/t-sichuan/records/${record.id}/`)).toBe(10);
    expect(await count("select count(*) n from record_attachments where record_id = ?", record.id)).toBe(10);
  });

  it("uploads racing for the last slot: one is stored, the others are refused and leave nothing in R2", async () => {
    const record = await createRecord();
    for (let i = 1; i <= 9; i++) await upload(record.id, PNG, "image/png", `${i}.png`);
    const racing = await Promise.all([1, 2, 3].map((i) => upload(record.id, PNG, "image/png", `race-${i}.png`)));
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(await r2Count(`tenants/t-sichuan/records/${record.id}/`)).toBe(10);
    expect(await count("select count(*) n from record_attachments where record_id = ?", record.id)).toBe(10);
    expect(
      await count("select count(*) n from audit_events where target_id = ? and action = 'record.attach'", record.id),
    ).toBe(10);
  });
});

describe("a unit's progress", () => {
  const months = lastTwelveMonths(new Date());
  const year = beijingYear(new Date());

  it("shows the published program covering this year, its measures with linked records, and 12 months of records", async () => {
    await insertProgram("p-old", EDUCATION, [year - 6, year - 4], [{ key: "o-1", departments: "[]", status: "done" }]);
    await insertProgram("p-next", EDUCATION, [year + 1, year + 3], [{ key: "n-1", departments: "[]", status: "done" }]);
    await insertProgram("p-draft", EDUCATION, [year, year], [], "draft");
    await insertProgram(
      "p-now",
      EDUCATION,
      [year - 1, year + 1],
      [
        { key: "a", departments: '["办公室","宣传部"]', status: "done", progress: 100 },
        { key: "b", departments: '["办公室"]', status: "in_progress", progress: 40 },
        { key: "c", departments: "not json", status: "in_progress" },
        { key: "d", departments: "[]", status: "blocked" },
      ],
    );
    const insert = (id: string, date: string, kind: string, measureKey: string | null, deleted = false) =>
      env.DB.prepare(
        `insert into records (id, tenant_id, unit_id, date, kind, title, program_id, measure_key, created_by, deleted_at)
         values (?, 't-sichuan', ?, ?, ?, '台账', ?, ?, 'test', ?)`,
      )
        .bind(id, EDUCATION, date, kind, measureKey ? "p-now" : null, measureKey, deleted ? today : null)
        .run();
    await insert("pr-1", `${months[11]}-01`, "study", "a");
    await insert("pr-2", `${months[11]}-02`, "study", "a");
    await insert("pr-3", `${months[11]}-03`, "volunteer", "b");
    await insert("pr-4", `${months[0]}-15`, "study", null);
    await insert("pr-5", `${months[11]}-01`, "study", "a", true);
    await insert("pr-6", "2001-01-01", "honour", null);
    const body = await ok(progress(deyang, EDUCATION));
    expect(body).toEqual({
      program: { id: "p-now", title: "方案 p-now", publishedVersion: 2 },
      measuresByStatus: [
        { status: "not_started", count: 0 },
        { status: "in_progress", count: 2 },
        { status: "done", count: 1 },
        { status: "blocked", count: 1 },
      ],
      measures: [
        { key: "a", title: "措施 a", departments: ["办公室", "宣传部"], progress: 100, status: "done", records: 2 },
        { key: "b", title: "措施 b", departments: ["办公室"], progress: 40, status: "in_progress", records: 1 },
        { key: "c", title: "措施 c", departments: [], progress: 0, status: "in_progress", records: 0 },
        { key: "d", title: "措施 d", departments: [], progress: 0, status: "blocked", records: 0 },
      ],
      recordsByMonth: [
        { month: months[0], kind: "study", count: 1 },
        { month: months[11], kind: "study", count: 2 },
        { month: months[11], kind: "volunteer", count: 1 },
      ],
    });
  });

  it("falls back to the latest published program, and to none before the first publish", async () => {
    await insertProgram("p-dazhou-old", DAZHOU, [year - 9, year - 7], []);
    await insertProgram(
      "p-dazhou-later",
      DAZHOU,
      [year - 4, year - 2],
      [{ key: "x", departments: "[]", status: "done" }],
    );
    const dazhouProgress = await ok(progress(dazhou, DAZHOU));
    expect(dazhouProgress.program?.id).toBe("p-dazhou-later");
    const fresh = await env.DB.prepare(
      "select id from units where tenant_id = 't-sichuan' and id not in (select unit_id from programs) limit 1",
    ).first<{ id: string }>();
    const none = await ok(progress(admin, fresh?.id ?? "no-fresh-unit"));
    expect(none).toEqual({
      program: null,
      measuresByStatus: ["not_started", "in_progress", "done", "blocked"].map((status) => ({ status, count: 0 })),
      measures: [],
      recordsByMonth: [],
    });
  });

  it("is readable like the unit: 404 out of scope or tenant, 401 anonymous", async () => {
    expect(await statusOf(progress(admin, EDUCATION))).toBe(200);
    expect(await statusOf(progress(dazhou, EDUCATION))).toBe(404);
    expect(await statusOf(progress(staff, EDUCATION))).toBe(404);
    expect(await statusOf(progress(hubeiStaff, EDUCATION))).toBe(404);
    expect(await statusOf(progress(hubeiStaff, EDUCATION, "hubei"))).toBe(404);
    expect(await statusOf(progress(undefined, EDUCATION))).toBe(401);
  });
});
