import type { InferRequestType, InferResponseType } from "hono/client";
import { beforeAll, describe, expect, it } from "vitest";
import { api, call, callJson, type ErrorBody, failure, ok, signIn, tenantApi } from "./client.ts";
import { DEMO, PNG, publishedProgram, signInAll } from "./fixtures.ts";

type Api = ReturnType<typeof tenantApi>;
type SettingsChange = InferRequestType<Api["settings"]["$put"]>["json"];
type Application = InferResponseType<Api["applications"][":id"]["$get"], 200>;

const HAN = /\p{Script=Han}/u;
const sichuan = { tenant: "sichuan" };

let admin: string;
let staff: string;

const settingsBody = {
  version: 1,
  displayName: null,
  noticeDays: 7,
  noticeWorkingDays: false,
  holidays: [],
  termYears: 3,
} satisfies SettingsChange;

const settings = () => {
  const route = tenantApi(admin).settings;
  return {
    get: () => route.$get({ param: sichuan }),
    save: (json: SettingsChange) => route.$put({ param: sichuan, json }),
  };
};

/** Saves the settings over their current version with this change. */
async function putSettings(change: Partial<SettingsChange>) {
  const current = await ok(settings().get());
  return settings().save({ ...settingsBody, version: current.version, ...change });
}

/** A settings body the route's types refuse (a missing or unknown field), as a plain request. */
async function putRawSettings(body: Record<string, unknown>) {
  const current = await ok(settings().get());
  return callJson<ErrorBody>("/api/t/sichuan/settings", {
    method: "PUT",
    body: { ...body, version: current.version },
    cookie: admin,
  });
}

beforeAll(async () => {
  ({ sichuanAdmin: admin, sichuanUnit: staff } = await signInAll("sichuanAdmin", "sichuanUnit"));
});

describe("field messages of a 400 in Chinese and English", () => {
  it("a bad value: a Chinese message in fields, an English one in fieldsEn, same keys", async () => {
    const body = await failure(putSettings({ noticeDays: 0, termYears: 9 }), 400);
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.fields).toEqual({ noticeDays: ["不能小于 1"], termYears: ["不能大于 5"] });
    expect(body.error.fieldsEn?.noticeDays?.[0]).toMatch(/too small/i);
    expect(body.error.fieldsEn?.termYears?.[0]).toMatch(/too big/i);
    expect(Object.keys(body.error.fieldsEn ?? {})).toEqual(Object.keys(body.error.fields ?? {}));
    for (const zh of Object.values(body.error.fields ?? {}).flat()) expect(zh).toMatch(HAN);
    for (const en of Object.values(body.error.fieldsEn ?? {}).flat()) expect(en).not.toMatch(HAN);
  });

  it("a missing value reads 必填 / required; a too-long name counts characters", async () => {
    const { noticeDays: _, ...withoutNoticeDays } = settingsBody;
    const missing = await putRawSettings(withoutNoticeDays);
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields?.noticeDays).toEqual(["必填"]);
    expect(missing.body.error.fieldsEn?.noticeDays).toEqual(["required"]);

    const long = await failure(putSettings({ displayName: "长".repeat(61) }), 400);
    expect(long.error.fields?.displayName).toEqual(["最多 60 个字符"]);
    expect(long.error.fieldsEn?.displayName?.[0]).toMatch(/60/);
  });

  it("a message the schema writes itself is split into its two halves", async () => {
    const body = await failure(tenantApi(staff).programs.parse.$post({ param: sichuan, json: { text: "   " } }), 400);
    expect(body.error.fields?.text).toEqual(["请粘贴方案文本"]);
    expect(body.error.fieldsEn?.text).toEqual(["paste the program text"]);
  });

  it("unknown fields are named in both languages", async () => {
    const { status, body } = await putRawSettings({ ...settingsBody, status: "active" });
    expect(status).toBe(400);
    expect(body.error.fields?._).toEqual(["未知字段：status"]);
    expect(body.error.fieldsEn?._).toEqual(["unknown field(s): status"]);
  });

  it("hand-written field messages (rules zod cannot see) come split the same way", async () => {
    const cookie = await signIn(DEMO.deyang);
    const body = await failure(
      api(cookie).api.auth.password.$post({
        json: { currentPassword: "not-the-password", newPassword: "Another-long-passphrase-42" },
      }),
      400,
    );
    expect(body.error.fields?.currentPassword).toEqual(["当前密码不正确"]);
    expect(body.error.fieldsEn?.currentPassword).toEqual(["the current password is wrong"]);
  });
});

describe("names and free text refuse control characters and lone surrogates", () => {
  it("NUL in the office's display name is a 400 naming the field, and nothing is stored", async () => {
    const before = await ok(settings().get());
    const body = await failure(putSettings({ displayName: "四川省\u0000文明办" }), 400);
    expect(body.error.fields?.displayName?.[0]).toMatch(/控制字符/);
    expect(body.error.fieldsEn?.displayName?.[0]).toMatch(/control characters/);
    const after = await ok(settings().get());
    expect(after.displayName).toBe(before.displayName);
  });

  it("NUL in a sector name is a 400", async () => {
    const route = tenantApi(admin).classifications[":list"];
    const param = { ...sichuan, list: "sectors" as const };
    const list = await ok(route.$get({ param }));
    const items = list.items.map(({ id, code, name, archived }) => ({ id, code, name, archived }));
    const [first, ...rest] = items;
    if (!first) throw new Error("the demo tenant has sectors");
    const body = await failure(
      route.$put({ param, json: { items: [{ ...first, name: `${first.name}\u0000` }, ...rest] } }),
      400,
    );
    expect(body.error.fields?.["items.0.name"]?.[0]).toMatch(/控制字符/);
  });

  it("a lone surrogate is refused, not replaced", async () => {
    const body = await failure(putSettings({ displayName: "四川\ud800文明办" }), 400);
    expect(body.error.fields?.displayName?.[0]).toMatch(/代理项/);
    expect(body.error.fieldsEn?.displayName?.[0]).toMatch(/lone UTF-16 surrogate/);
    await failure(putSettings({ displayName: "四川\udc00\ud800文明办" }), 400);
  });

  it("a name with a line break is refused; ordinary names (emoji included) pass", async () => {
    await failure(putSettings({ displayName: "四川省\n文明办" }), 400);
    await ok(putSettings({ displayName: "四川省文明办 🌸" }));
  });
});

describe("applications: withdrawn and too many evidence files", () => {
  let app: Application;

  const application = (id: string) => {
    const route = tenantApi(staff).applications[":id"];
    const param = { ...sichuan, id };
    return {
      get: () => route.$get({ param }),
      withdraw: (version: number) => route.withdraw.$post({ param, json: { version } }),
      saveItem: (version: number, selfPoints: number, note: string) =>
        route.items[":code"].$put({ param: { ...param, code: "A1.1" }, json: { version, selfPoints, note } }),
    };
  };

  beforeAll(async () => {
    const criteria = await ok(
      tenantApi(admin)["criteria-systems"].$post({
        param: sichuan,
        json: {
          name: "字段消息测试体系",
          version: 1,
          maxTotal: 10,
          categories: [
            {
              code: "A1",
              title: "组织领导",
              items: [{ code: "A1.1", title: "制定创建规划", maxPoints: 10, method: "material" }],
            },
          ],
        },
      }),
      201,
    );
    await publishedProgram(staff);
    const round = await ok(
      tenantApi(admin).rounds.$post({
        param: sichuan,
        json: {
          title: "字段消息测试评选",
          level: "city",
          kind: "selection",
          year: 2026,
          criteriaSystemId: criteria.id,
        },
      }),
      201,
    );
    await ok(
      tenantApi(admin).rounds[":id"].advance.$post({
        param: { ...sichuan, id: round.id },
        json: { version: round.version },
      }),
    );
    app = await ok(
      tenantApi(staff).rounds[":roundId"].applications.$post({
        param: { ...sichuan, roundId: round.id },
        json: { channel: "city" },
      }),
      201,
    );
  });

  /** A raw file upload: the typed client sends only JSON bodies, so this is a plain request. */
  const upload = (name = encodeURIComponent("照片.png")) =>
    call(`/api/t/sichuan/applications/${app.id}/items/A1.1/files?name=${name}`, {
      method: "POST",
      body: PNG,
      cookie: staff,
      headers: { "content-type": "image/png" },
    });

  it("free text keeps line breaks; an evidence file name with a control character is refused", async () => {
    app = await ok(application(app.id).saveItem(app.version, 8, "第一行\n第二行\t附表"));
    const nul = await failure(application(app.id).saveItem(app.version, 8, "第一行\u0000"), 400);
    expect(nul.error.fields?.note?.[0]).toMatch(/控制字符/);
    expect((await upload("a%00b.png")).status).toBe(400);
  });

  it("the eleventh evidence file of an item answers too_many_evidence_files with the real limit", async () => {
    for (let i = 0; i < 10; i++) expect((await upload()).status).toBe(201);
    const body = await failure(upload(), 409);
    expect(body.error.code).toBe("too_many_evidence_files");
    expect(body.error.message).toContain("10");
    expect(body.error.message).not.toContain("台账");
    expect(body.error.messageEn).toMatch(/10 evidence files/);
  });

  it("acting on a withdrawn application names that state: 409 application_withdrawn", async () => {
    const current = await ok(application(app.id).get());
    const withdrawn = await ok(application(app.id).withdraw(current.version));
    expect(withdrawn.status).toBe("withdrawn");

    const edit = await failure(application(app.id).saveItem(withdrawn.version, 5, ""), 409);
    expect(edit.error).toMatchObject({ code: "application_withdrawn", current: { status: "withdrawn" } });
    expect(edit.error.message).toContain("撤回");

    const again = await failure(application(app.id).withdraw(withdrawn.version), 409);
    expect(again.error.code).toBe("application_withdrawn");
    expect((await upload()).status).toBe(409);
  });
});

describe("the OpenAPI document describes both maps", () => {
  it("Error has fields and fieldsEn", async () => {
    // A plain request: the document is served by app.doc31, outside the typed routes; this shape is OpenAPI's own.
    const doc = await callJson<{ components: { schemas: { Error: { properties: { error: unknown } } } } }>(
      "/api/openapi.json",
    );
    const error = JSON.stringify(doc.body.components.schemas.Error.properties.error);
    expect(error).toContain('"fields"');
    expect(error).toContain('"fieldsEn"');
  });
});
