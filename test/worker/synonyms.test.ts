import { env } from "cloudflare:workers";
import type { InferRequestType } from "hono/client";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_SYNONYMS } from "../../db/seed/synonyms.ts";
import { storedAuditEvents } from "./audit-rows.ts";
import { call, failure, ok, signIn, statusOf, tenantApi } from "./client.ts";
import { DEMO, signInAll } from "./fixtures.ts";
import { roundTripsOf } from "./round-trips.ts";

type Save = InferRequestType<ReturnType<typeof tenantApi>["criteria-synonyms"]["$put"]>["json"];

const list = (cookie: string | undefined, tenant = "sichuan") => {
  const route = tenantApi(cookie)["criteria-synonyms"];
  return {
    get: () => route.$get({ param: { tenant } }),
    save: (json: Save) => route.$put({ param: { tenant }, json }),
  };
};

const storedPairs = async (tenantId: string) =>
  (
    await env.DB.prepare("select term, means, position from criteria_synonyms where tenant_id = ? order by position")
      .bind(tenantId)
      .all<{ term: string; means: string; position: number }>()
  ).results;

const synonymEvents = async () => (await storedAuditEvents()).filter((e) => e.action === "synonyms.save");

let admin: string;
let hubeiAdmin: string;
beforeAll(async () => {
  ({ sichuanAdmin: admin, hubeiAdmin } = await signInAll("sichuanAdmin", "hubeiAdmin"));
});

describe("the office's synonym list", () => {
  it("demo offices start with the demo list, in order, at version 1", async () => {
    const body = await ok(list(admin).get());
    expect(body).toEqual({ items: DEMO_SYNONYMS.map(({ term, means }) => ({ term, means })), version: 1 });
    expect((await ok(list(hubeiAdmin, "hubei").get())).items).toHaveLength(DEMO_SYNONYMS.length);
  });

  it("saving replaces the whole list in the order sent, bumps the version and records one audit event", async () => {
    const before = await ok(list(admin).get());
    const eventsBefore = (await synonymEvents()).length;
    const items = [
      { term: "学雷锋", means: "学雷锋志愿服务" },
      { term: "  道德讲堂 ", means: "道德讲堂建设" },
      { term: "道德讲堂", means: "身边好人道德模范" },
    ];
    const response = await list(admin).save({ items, version: before.version });
    expect(roundTripsOf(response)).toBe(2);
    const saved = await ok(Promise.resolve(response));
    expect(saved).toEqual({
      items: [
        { term: "学雷锋", means: "学雷锋志愿服务" },
        { term: "道德讲堂", means: "道德讲堂建设" },
        { term: "道德讲堂", means: "身边好人道德模范" },
      ],
      version: before.version + 1,
    });
    expect(await storedPairs("t-sichuan")).toEqual(saved.items.map((s, position) => ({ ...s, position })));
    expect(await ok(list(admin).get())).toEqual(saved);

    const events = await synonymEvents();
    expect(events).toHaveLength(eventsBefore + 1);
    expect(events.at(-1)).toMatchObject({
      tenantId: "t-sichuan",
      actorRole: "tenant_admin",
      targetType: "tenant",
      targetId: "t-sichuan",
    });
    expect(events.at(-1)?.beforeDigest).not.toBe(events.at(-1)?.afterDigest);
  });

  it("an empty list can be saved, and the office then has none", async () => {
    const { version } = await ok(list(admin).get());
    expect(await ok(list(admin).save({ items: [], version }))).toEqual({ items: [], version: version + 1 });
    expect(await storedPairs("t-sichuan")).toEqual([]);
  });

  it("a stale version answers 409 with the current list and changes nothing", async () => {
    const current = await ok(list(admin).get());
    const eventsBefore = (await synonymEvents()).length;
    const response = await list(admin).save({
      items: [{ term: "过时", means: "过时的改动" }],
      version: current.version - 1,
    });
    expect(roundTripsOf(response)).toBe(1);
    const stale = await failure(Promise.resolve(response), 409);
    expect(stale.error).toMatchObject({ code: "stale_version", current });
    expect(await ok(list(admin).get())).toEqual(current);
    expect(await synonymEvents()).toHaveLength(eventsBefore);
  });

  it("two editors saving over the same version: the second gets 409 and the first one's list stays", async () => {
    const { version } = await ok(list(admin).get());
    const other = await signIn(DEMO.sichuanAdmin);
    const [first, second] = await Promise.all([
      list(admin).save({ items: [{ term: "甲词", means: "甲的意思" }], version }),
      list(other).save({ items: [{ term: "乙词", means: "乙的意思" }], version }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const winner = first.status === 200 ? "甲词" : "乙词";
    expect((await ok(list(admin).get())).items.map((s) => s.term)).toEqual([winner]);
    expect((await storedPairs("t-sichuan")).map((s) => s.term)).toEqual([winner]);
  });

  it("bad input answers 400 with field messages and changes nothing", async () => {
    const current = await ok(list(admin).get());
    const put = (body: unknown) => call("/api/t/sichuan/criteria-synonyms", { method: "PUT", body, cookie: admin });
    const pair = { term: "学雷锋", means: "志愿服务" };

    const duplicate = await failure(put({ items: [pair, { ...pair }], version: current.version }), 400);
    expect(duplicate.error.fields).toEqual({ "items.1": ["重复的近义词"] });
    const itself = await failure(
      put({ items: [{ term: "志愿服务", means: " 志愿服务" }], version: current.version }),
      400,
    );
    expect(itself.error.fields).toEqual({ "items.0.means": ["与词语相同"] });

    const cases: unknown[] = [
      {},
      { items: [pair] },
      { items: [pair], version: "1" },
      { items: [pair], version: 0 },
      { items: "学雷锋", version: current.version },
      { items: [{ term: "学", means: "志愿服务" }], version: current.version },
      { items: [{ term: "学雷锋".repeat(11), means: "志愿服务" }], version: current.version },
      { items: [{ term: "学雷锋", means: "志".repeat(61) }], version: current.version },
      { items: [{ term: "学雷锋" }], version: current.version },
      { items: Array.from({ length: 501 }, (_, i) => ({ term: `词语${i}`, means: "志愿服务" })), version: 1 },
      // Mass assignment: unknown fields are refused, the tenant never comes from the body.
      { items: [pair], version: current.version, tenantId: "hubei" },
      { items: [{ ...pair, position: 3 }], version: current.version },
    ];
    for (const body of cases) {
      const response = await put(body);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      const error = ((await response.json()) as { error: { code: string; message: string } }).error;
      expect(error.code).toBe("validation_failed");
    }
    const notJson = await call("/api/t/sichuan/criteria-synonyms", {
      method: "PUT",
      body: "term=学雷锋",
      cookie: admin,
      headers: { "content-type": "text/plain" },
    });
    expect(notJson.status).toBe(415);
    expect(await ok(list(admin).get())).toEqual(current);
  });

  it("atomicity: when one insert fails, the old list, its version and the audit log are unchanged", async () => {
    const { version } = await ok(list(admin).get());
    const before = [await storedPairs("t-sichuan"), (await synonymEvents()).length];
    await env.DB.exec(
      "create trigger fail_synonym before insert on criteria_synonyms when new.term = '失败词' begin select raise(abort, 'forced failure'); end",
    );
    try {
      const response = await list(admin).save({
        items: [
          { term: "成功词", means: "志愿服务" },
          { term: "失败词", means: "志愿服务" },
        ],
        version,
      });
      expect(response.status).toBe(500);
    } finally {
      await env.DB.exec("drop trigger fail_synonym");
    }
    expect([await storedPairs("t-sichuan"), (await synonymEvents()).length]).toEqual(before);
    expect((await ok(list(admin).get())).version).toBe(version);
  });

  it("reading is for tenant admins and reviewers; saving for tenant admins; anonymous 401", async () => {
    const { sichuanProvince, deyang, sichuanUnit } = await signInAll("sichuanProvince", "deyang", "sichuanUnit");
    const department = await signIn("jijian@sichuan.demo");
    const { version } = await ok(list(admin).get());
    expect(await statusOf(list(sichuanProvince).get())).toBe(200);
    expect(await statusOf(list(deyang).get())).toBe(200);
    expect(await statusOf(list(sichuanUnit).get())).toBe(403);
    expect(await statusOf(list(department).get())).toBe(403);
    expect(await statusOf(list(undefined).get())).toBe(401);
    const items = [{ term: "学雷锋", means: "学雷锋志愿服务" }];
    for (const cookie of [sichuanProvince, deyang, sichuanUnit, department]) {
      expect(await statusOf(list(cookie).save({ items, version }))).toBe(403);
    }
    expect(await statusOf(list(undefined).save({ items, version }))).toBe(401);
    expect((await ok(list(admin).get())).version).toBe(version);
  });

  it("one office never sees or changes another's list", async () => {
    const hubeiBefore = await ok(list(hubeiAdmin, "hubei").get());
    const sichuanBefore = await ok(list(admin).get());
    // Another office's path answers 404, for reading and for saving.
    expect(await statusOf(list(hubeiAdmin).get())).toBe(404);
    expect(
      await statusOf(
        list(hubeiAdmin).save({ items: [{ term: "外来词", means: "外来意思" }], version: sichuanBefore.version }),
      ),
    ).toBe(404);
    expect(await statusOf(list(admin, "hubei").get())).toBe(404);
    // Saving one office's list leaves the other's rows and version alone.
    const saved = await ok(
      list(hubeiAdmin, "hubei").save({ items: [{ term: "湖北词", means: "湖北意思" }], version: hubeiBefore.version }),
    );
    expect(saved.items).toEqual([{ term: "湖北词", means: "湖北意思" }]);
    expect(await ok(list(admin).get())).toEqual(sichuanBefore);
    expect((await storedPairs("t-hubei")).map((s) => s.term)).toEqual(["湖北词"]);
  });

  it("reading costs one D1 round trip in steady state", async () => {
    await list(admin).get();
    expect(roundTripsOf(await list(admin).get())).toBe(1);
  });
});
