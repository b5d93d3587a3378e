import { beforeAll, describe, expect, it } from "vitest";
import { call, callJson, signIn } from "./client.ts";

/** The error shape as a client reads it: field messages in Chinese (`fields`) and English (`fieldsEn`). */
interface Problem {
  error: {
    code: string;
    message: string;
    messageEn: string;
    fields?: Record<string, string[]>;
    fieldsEn?: Record<string, string[]>;
  };
}

interface Application {
  id: string;
  status: string;
  version: number;
}

const UNIT = "sichuan-u-deyang-kexie";
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const HAN = /\p{Script=Han}/u;

let admin: string;
let staff: string;

const settingsBody = {
  version: 1,
  displayName: null as string | null,
  noticeDays: 7,
  noticeWorkingDays: false,
  holidays: [],
  termYears: 3,
};

async function putSettings(body: Record<string, unknown>) {
  const current = await callJson<{ version: number }>("/api/t/sichuan/settings", { cookie: admin });
  return callJson<Problem>("/api/t/sichuan/settings", {
    method: "PUT",
    body: { ...settingsBody, version: current.body.version, ...body },
    cookie: admin,
  });
}

beforeAll(async () => {
  admin = await signIn("admin@sichuan.demo");
  staff = await signIn("unit@sichuan.demo");
});

describe("field messages of a 400 in Chinese and English", () => {
  it("a bad value: a Chinese message in fields, an English one in fieldsEn, same keys", async () => {
    const { status, body } = await putSettings({ noticeDays: 0, termYears: 9 });
    expect(status).toBe(400);
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
    const current = await callJson<{ version: number }>("/api/t/sichuan/settings", { cookie: admin });
    const missing = await callJson<Problem>("/api/t/sichuan/settings", {
      method: "PUT",
      body: { ...withoutNoticeDays, version: current.body.version },
      cookie: admin,
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields?.noticeDays).toEqual(["必填"]);
    expect(missing.body.error.fieldsEn?.noticeDays).toEqual(["required"]);

    const long = await putSettings({ displayName: "长".repeat(61) });
    expect(long.body.error.fields?.displayName).toEqual(["最多 60 个字符"]);
    expect(long.body.error.fieldsEn?.displayName?.[0]).toMatch(/60/);
  });

  it("a message the schema writes itself is split into its two halves", async () => {
    const { status, body } = await callJson<Problem>("/api/t/sichuan/programs/parse", {
      body: { text: "   " },
      cookie: staff,
    });
    expect(status).toBe(400);
    expect(body.error.fields?.text).toEqual(["请粘贴方案文本"]);
    expect(body.error.fieldsEn?.text).toEqual(["paste the program text"]);
  });

  it("unknown fields are named in both languages", async () => {
    const { status, body } = await putSettings({ status: "active" });
    expect(status).toBe(400);
    expect(body.error.fields?._).toEqual(["未知字段：status"]);
    expect(body.error.fieldsEn?._).toEqual(["unknown field(s): status"]);
  });

  it("hand-written field messages (rules zod cannot see) come split the same way", async () => {
    const { status, body } = await callJson<Problem>("/api/auth/password", {
      body: { currentPassword: "not-the-password", newPassword: "Another-long-passphrase-42" },
      cookie: await signIn("deyang@sichuan.demo"),
    });
    expect(status).toBe(400);
    expect(body.error.fields?.currentPassword).toEqual(["当前密码不正确"]);
    expect(body.error.fieldsEn?.currentPassword).toEqual(["the current password is wrong"]);
  });
});

describe("names and free text refuse control characters and lone surrogates", () => {
  it("NUL in the office's display name is a 400 naming the field, and nothing is stored", async () => {
    const before = await callJson<{ displayName: string | null }>("/api/t/sichuan/settings", { cookie: admin });
    const { status, body } = await putSettings({ displayName: "四川省\u0000文明办" });
    expect(status).toBe(400);
    expect(body.error.fields?.displayName?.[0]).toMatch(/控制字符/);
    expect(body.error.fieldsEn?.displayName?.[0]).toMatch(/control characters/);
    const after = await callJson<{ displayName: string | null }>("/api/t/sichuan/settings", { cookie: admin });
    expect(after.body.displayName).toBe(before.body.displayName);
  });

  it("NUL in a sector name is a 400", async () => {
    const list = await callJson<{ items: Array<{ id: string; code: string; name: string; archived: boolean }> }>(
      "/api/t/sichuan/classifications/sectors",
      { cookie: admin },
    );
    const items = list.body.items.map(({ id, code, name, archived }) => ({ id, code, name, archived }));
    const [first, ...rest] = items;
    if (!first) throw new Error("the demo tenant has sectors");
    const { status, body } = await callJson<Problem>("/api/t/sichuan/classifications/sectors", {
      method: "PUT",
      body: { items: [{ ...first, name: `${first.name}\u0000` }, ...rest] },
      cookie: admin,
    });
    expect(status).toBe(400);
    expect(body.error.fields?.["items.0.name"]?.[0]).toMatch(/控制字符/);
  });

  it("a lone surrogate is refused, not replaced", async () => {
    const { status, body } = await putSettings({ displayName: "四川\ud800文明办" });
    expect(status).toBe(400);
    expect(body.error.fields?.displayName?.[0]).toMatch(/代理项/);
    expect(body.error.fieldsEn?.displayName?.[0]).toMatch(/lone UTF-16 surrogate/);
    const swapped = await putSettings({ displayName: "四川\udc00\ud800文明办" });
    expect(swapped.status).toBe(400);
  });

  it("a name with a line break is refused; ordinary names (emoji included) pass", async () => {
    expect((await putSettings({ displayName: "四川省\n文明办" })).status).toBe(400);
    const fine = await putSettings({ displayName: "四川省文明办 🌸" });
    expect(fine.status, JSON.stringify(fine.body)).toBe(200);
  });
});

describe("applications: withdrawn and too many evidence files", () => {
  let app: Application;

  beforeAll(async () => {
    const criteria = await callJson<{ id: string }>("/api/t/sichuan/criteria-systems", {
      body: {
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
      cookie: admin,
    });
    expect(criteria.status).toBe(201);
    const program = await callJson<{ id: string }>(`/api/t/sichuan/units/${UNIT}/programs`, {
      body: { title: "2026年度创建方案", startYear: 2026, endYear: 2026, targetLevel: "city", sections: [] },
      cookie: staff,
    });
    await call(`/api/t/sichuan/programs/${program.body.id}/publish`, { body: { version: 1 }, cookie: staff });
    const round = await callJson<{ id: string; version: number }>("/api/t/sichuan/rounds", {
      body: {
        title: "字段消息测试评选",
        level: "city",
        kind: "selection",
        year: 2026,
        criteriaSystemId: criteria.body.id,
      },
      cookie: admin,
    });
    expect(round.status).toBe(201);
    const opened = await call(`/api/t/sichuan/rounds/${round.body.id}/advance`, {
      body: { version: round.body.version },
      cookie: admin,
    });
    expect(opened.status).toBe(200);
    const applied = await callJson<Application>(`/api/t/sichuan/rounds/${round.body.id}/applications`, {
      body: { channel: "city" },
      cookie: staff,
    });
    expect(applied.status).toBe(201);
    app = applied.body;
  });

  const upload = () =>
    call(`/api/t/sichuan/applications/${app.id}/items/A1.1/files?name=${encodeURIComponent("照片.png")}`, {
      method: "POST",
      body: PNG,
      cookie: staff,
      headers: { "content-type": "image/png" },
    });

  it("free text keeps line breaks; an evidence file name with a control character is refused", async () => {
    const saved = await callJson<Application>(`/api/t/sichuan/applications/${app.id}/items/A1.1`, {
      method: "PUT",
      body: { version: app.version, selfPoints: 8, note: "第一行\n第二行\t附表" },
      cookie: staff,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    app = saved.body;
    const nul = await callJson<Problem>(`/api/t/sichuan/applications/${app.id}/items/A1.1`, {
      method: "PUT",
      body: { version: app.version, selfPoints: 8, note: "第一行\u0000" },
      cookie: staff,
    });
    expect(nul.status).toBe(400);
    expect(nul.body.error.fields?.note?.[0]).toMatch(/控制字符/);
    const badName = await call(`/api/t/sichuan/applications/${app.id}/items/A1.1/files?name=a%00b.png`, {
      method: "POST",
      body: PNG,
      cookie: staff,
      headers: { "content-type": "image/png" },
    });
    expect(badName.status).toBe(400);
  });

  it("the eleventh evidence file of an item answers too_many_evidence_files with the real limit", async () => {
    for (let i = 0; i < 10; i++) expect((await upload()).status).toBe(201);
    const eleventh = await upload();
    expect(eleventh.status).toBe(409);
    const body = (await eleventh.json()) as Problem;
    expect(body.error.code).toBe("too_many_evidence_files");
    expect(body.error.message).toContain("10");
    expect(body.error.message).not.toContain("台账");
    expect(body.error.messageEn).toMatch(/10 evidence files/);
  });

  it("acting on a withdrawn application names that state: 409 application_withdrawn", async () => {
    const current = await callJson<Application>(`/api/t/sichuan/applications/${app.id}`, { cookie: staff });
    const withdrawn = await callJson<Application>(`/api/t/sichuan/applications/${app.id}/withdraw`, {
      body: { version: current.body.version },
      cookie: staff,
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe("withdrawn");

    const edit = await callJson<Problem & { error: { current?: unknown } }>(
      `/api/t/sichuan/applications/${app.id}/items/A1.1`,
      { method: "PUT", body: { version: withdrawn.body.version, selfPoints: 5, note: "" }, cookie: staff },
    );
    expect(edit.status).toBe(409);
    expect(edit.body.error).toMatchObject({ code: "application_withdrawn", current: { status: "withdrawn" } });
    expect(edit.body.error.message).toContain("撤回");

    const again = await callJson<Problem>(`/api/t/sichuan/applications/${app.id}/withdraw`, {
      body: { version: withdrawn.body.version },
      cookie: staff,
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("application_withdrawn");
    expect((await upload()).status).toBe(409);
  });
});

describe("the OpenAPI document describes both maps", () => {
  it("Error has fields and fieldsEn", async () => {
    const doc = await callJson<{ components: { schemas: { Error: { properties: { error: unknown } } } } }>(
      "/api/openapi.json",
    );
    const error = JSON.stringify(doc.body.components.schemas.Error.properties.error);
    expect(error).toContain('"fields"');
    expect(error).toContain('"fieldsEn"');
  });
});
