import type { InferRequestType, InferResponseType } from "hono/client";
import { beforeAll, describe, expect, it } from "vitest";
import { api, call, failure, ok, signIn, statusOf, tenantApi } from "./client.ts";
import { publishedProgram, REGISTRATION_PASSWORD, registration, signInAll } from "./fixtures.ts";
import { roundTripsOf } from "./round-trips.ts";
import { count } from "./rows.ts";

type Api = ReturnType<typeof tenantApi>;
type NewSystem = InferRequestType<Api["criteria-systems"]["$post"]>["json"];
type Application = InferResponseType<Api["applications"][":id"]["$get"], 200>;
type ItemsSave = InferRequestType<Api["applications"][":id"]["items"]["$put"]>["json"];

const sichuan = { tenant: "sichuan" };
let admin: string;
let staff: string;
let deyang: string;
let hubeiUnit: string;
let otherStaff: string;
let systemId: string;

/** Two categories: a points item and a graded item, then another points item. */
const system: NewSystem = {
  name: "批量保存测试体系",
  version: 1,
  maxTotal: 15,
  categories: [
    {
      code: "A1",
      title: "组织领导",
      items: [
        {
          code: "A1.1",
          title: "制定创建规划",
          maxPoints: 4,
          method: "material",
          evidence: { minFiles: 0, maxNoteChars: 50 },
        },
        {
          code: "A1.2",
          title: "宣传阵地",
          maxPoints: 6,
          method: "onsite",
          mode: "graded",
          grades: [
            { grade: "A", share: 1 },
            { grade: "B", share: 0.5 },
          ],
        },
      ],
    },
    {
      code: "B1",
      title: "志愿服务",
      items: [{ code: "B1.1", title: "学雷锋志愿服务", maxPoints: 5, method: "material", evidence: { minFiles: 0 } }],
    },
  ],
};

const saveItems = (app: { id: string }, json: ItemsSave, cookie = staff, tenant = "sichuan") =>
  tenantApi(cookie).applications[":id"].items.$put({ param: { tenant, id: app.id }, json });

/** One item of a batch with the fields a client may leave out filled in. */
const entry = (code: string, fields: Partial<ItemsSave["items"][number]> = {}) => ({
  code,
  note: "",
  links: [],
  measureKeys: [],
  recordIds: [],
  ...fields,
});

const itemRows = (appId: string) => count("select count(*) n from application_items where application_id = ?", appId);

/** A fresh application of the demo unit in the test's open round (one per round: a new round each time). */
async function freshApplication(): Promise<Application> {
  const created = await ok(
    tenantApi(admin).rounds.$post({
      param: sichuan,
      json: {
        title: `批量保存评选${Math.random()}`,
        level: "city",
        kind: "selection",
        year: 2026,
        criteriaSystemId: systemId,
      },
    }),
    201,
  );
  const opened = await ok(
    tenantApi(admin).rounds[":id"].advance.$post({ param: { ...sichuan, id: created.id }, json: { version: 1 } }),
  );
  return ok(
    tenantApi(staff).rounds[":roundId"].applications.$post({
      param: { ...sichuan, roundId: opened.id },
      json: { channel: "city" },
    }),
    201,
  );
}

/** A self-registered unit in 旌阳区 whose staff can sign in: another unit than the demo unit. */
async function otherUnitStaff(): Promise<string> {
  const serial = 700_014;
  const email = `batch-save-${serial}@unit.test`;
  await ok(
    api().api.tenants[":slug"].registrations.$post(
      {
        param: { slug: "sichuan" },
        json: registration(serial, {
          unit: { name: `旌阳区批量保存测试单位${serial}` },
          account: { email, password: REGISTRATION_PASSWORD },
        }),
      },
      { headers: { "cf-connecting-ip": "198.18.7.14" } },
    ),
    201,
  );
  return signIn(email, REGISTRATION_PASSWORD);
}

beforeAll(async () => {
  ({
    sichuanAdmin: admin,
    sichuanUnit: staff,
    deyang,
    hubeiUnit,
  } = await signInAll("sichuanAdmin", "sichuanUnit", "deyang", "hubeiUnit"));
  otherStaff = await otherUnitStaff();
  // Every round of this file is made from this system.
  systemId = (await ok(tenantApi(admin)["criteria-systems"].$post({ param: sichuan, json: system }), 201)).id;
  await publishedProgram(staff);
});

describe("saving several items of an application at once", () => {
  it("saves items of two categories in one request with one audit event, and the self total follows", async () => {
    const app = await freshApplication();
    // Steady state: this isolate has seen the unit's session and the application once.
    await ok(tenantApi(staff).applications[":id"].$get({ param: { ...sichuan, id: app.id } }));
    const response = await saveItems(app, {
      version: app.version,
      items: [
        entry("A1.1", { selfPoints: 3.5, note: "已制定创建规划" }),
        entry("A1.2", { selfGrade: "B" }),
        entry("B1.1", { selfPoints: 5, links: ["https://example.org/huodong"] }),
      ],
    });
    expect(response.status).toBe(200);
    expect(roundTripsOf(response)).toBeLessThanOrEqual(2);
    const saved = await ok(Promise.resolve(response));
    expect(saved.version).toBe(app.version + 1);
    expect(saved.selfTotal).toBe(3.5 + 3 + 5);
    const byCode = new Map(saved.items.map((i) => [i.itemCode, i]));
    expect(byCode.get("A1.1")).toMatchObject({ selfPoints: 3.5, note: "已制定创建规划" });
    expect(byCode.get("A1.2")).toMatchObject({ selfGrade: "B", selfPoints: null });
    expect(byCode.get("B1.1")).toMatchObject({ selfPoints: 5, links: ["https://example.org/huodong"] });
    expect(await itemRows(app.id)).toBe(3);
    const events = await count(
      "select count(*) n from audit_events where target_id = ? and action = 'application.save_items'",
      app.id,
    );
    expect(events).toBe(1);

    // A later batch changes only what it names; the others stay as saved.
    const again = await ok(saveItems(saved, { version: saved.version, items: [entry("A1.1", { selfPoints: 1 })] }));
    expect(again.selfTotal).toBe(1 + 3 + 5);
    expect(again.items.find((i) => i.itemCode === "A1.2")?.selfGrade).toBe("B");
  });

  it("a bad item in the middle refuses the whole batch with its fields named, and saves nothing", async () => {
    const app = await freshApplication();
    const refused = await failure(
      saveItems(app, {
        version: app.version,
        items: [
          entry("A1.1", { selfPoints: 2 }),
          entry("A1.2", { selfPoints: 3, note: "长".repeat(10) }),
          entry("B1.1", { selfPoints: 6 }),
        ],
      }),
      400,
    );
    expect(Object.keys(refused.error.fields ?? {}).sort()).toEqual(["items.A1.2.selfPoints", "items.B1.1.selfPoints"]);
    expect(await itemRows(app.id)).toBe(0);
    const unchanged = await ok(tenantApi(staff).applications[":id"].$get({ param: { ...sichuan, id: app.id } }));
    expect(unchanged.version).toBe(app.version);

    // An unknown item, the same item twice, a note over the item's limit, a foreign record: 400, nothing saved.
    const cases: ItemsSave["items"][] = [
      [entry("A1.1"), entry("Z9.9")],
      [entry("A1.1", { selfPoints: 1 }), entry("A1.1", { selfPoints: 2 })],
      [entry("A1.1", { note: "长".repeat(51) })],
      [entry("B1.1", { recordIds: ["not-a-record-of-this-unit"] })],
      [],
    ];
    for (const items of cases) {
      expect(await statusOf(saveItems(app, { version: app.version, items })), JSON.stringify(items)).toBe(400);
    }
    // Unknown fields are refused rather than ignored.
    const raw = await call(`/api/t/sichuan/applications/${app.id}/items`, {
      method: "PUT",
      body: { version: app.version, status: "submitted", items: [entry("A1.1")] },
      cookie: staff,
    });
    expect(raw.status).toBe(400);
    expect(await itemRows(app.id)).toBe(0);
  });

  it("a stale version is a 409 with the current state, and nothing is saved", async () => {
    const app = await freshApplication();
    const first = await ok(saveItems(app, { version: app.version, items: [entry("A1.1", { selfPoints: 4 })] }));
    const stale = await failure(
      saveItems(app, { version: app.version, items: [entry("B1.1", { selfPoints: 5 }), entry("A1.1")] }),
      409,
    );
    expect(stale.error.code).toBe("stale_version");
    const now = await ok(tenantApi(staff).applications[":id"].$get({ param: { ...sichuan, id: app.id } }));
    expect(now.version).toBe(first.version);
    expect(now.selfTotal).toBe(4);
    expect(await itemRows(app.id)).toBe(1);
  });

  it("another tenant, another unit and anonymous get nothing; a reviewer may not write it", async () => {
    const app = await freshApplication();
    const body = { version: app.version, items: [entry("A1.1", { selfPoints: 1 })] };
    expect(await statusOf(saveItems(app, body, hubeiUnit))).toBe(404);
    expect(await statusOf(saveItems(app, body, hubeiUnit, "hubei"))).toBe(404);
    expect(await statusOf(saveItems(app, body, otherStaff))).toBe(404);
    expect(await statusOf(saveItems(app, body, deyang))).toBe(403);
    expect(
      await statusOf(tenantApi().applications[":id"].items.$put({ param: { ...sichuan, id: app.id }, json: body })),
    ).toBe(401);
    expect(await itemRows(app.id)).toBe(0);
  });
});
