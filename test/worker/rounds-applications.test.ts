import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, callJson, signIn } from "./client.ts";
import { count } from "./rows.ts";

interface Round {
  id: string;
  phase: string;
  version: number;
  criteriaSystemId: string;
  timeline: Array<{ fromPhase: string; toPhase: string; actor: string | null; at: string }>;
}
interface Item {
  itemCode: string;
  gaps: string[];
  files: Array<{ id: string; name: string; contentType: string }>;
}
interface Application {
  id: string;
  status: string;
  version: number;
  selfTotal: number;
  returnReason: string | null;
  completeness: { complete: number; required: number };
  items: Item[];
}

const UNIT = "sichuan-u-deyang-kexie";
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const PDF = new TextEncoder().encode("%PDF-1.4\n%fake but well-formed enough to sniff\n");

let admin: string;
let staff: string;
let deyang: string;
let dazhou: string;
let criteriaId: string;

/** The demo unit applies in the round through its city channel. */
async function applyAsUnit(round: { id: string }): Promise<Application> {
  return (
    await callJson<Application>(`/api/t/sichuan/rounds/${round.id}/applications`, {
      body: { channel: "city" },
      cookie: staff,
    })
  ).body;
}

const system = {
  name: "申报测试体系",
  version: 1,
  maxTotal: 10,
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
          evidence: { minFiles: 2, maxNoteChars: 50 },
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
  ],
};

async function newRound(title: string): Promise<Round> {
  const { status, body } = await callJson<Round>("/api/t/sichuan/rounds", {
    body: { title, level: "city", kind: "selection", year: 2026, criteriaSystemId: criteriaId },
    cookie: admin,
  });
  expect(status).toBe(201);
  return body;
}

async function advance(round: Round): Promise<Round> {
  const { status, body } = await callJson<Round>(`/api/t/sichuan/rounds/${round.id}/advance`, {
    body: { version: round.version },
    cookie: admin,
  });
  expect(status).toBe(200);
  return body;
}

const upload = (appId: string, code: string, bytes: Uint8Array, type: string, cookie = staff) =>
  call(`/api/t/sichuan/applications/${appId}/items/${code}/files?name=${encodeURIComponent("现场照片.png")}`, {
    method: "POST",
    body: bytes,
    cookie,
    headers: { "content-type": type },
  });

const saveItem = (app: Application, code: string, body: Record<string, unknown>, cookie = staff) =>
  callJson<Application>(`/api/t/sichuan/applications/${app.id}/items/${code}`, {
    method: "PUT",
    body: { version: app.version, note: "", ...body },
    cookie,
  });

beforeAll(async () => {
  admin = await signIn("admin@sichuan.demo");
  staff = await signIn("unit@sichuan.demo");
  deyang = await signIn("deyang@sichuan.demo");
  dazhou = await signIn("dazhou@sichuan.demo");
  criteriaId = (await callJson<{ id: string }>("/api/t/sichuan/criteria-systems", { body: system, cookie: admin })).body
    .id;
  // Applying needs a published program covering the round's year.
  const program = await callJson<{ id: string }>(`/api/t/sichuan/units/${UNIT}/programs`, {
    body: { title: "2026年度创建方案", startYear: 2026, endYear: 2026, targetLevel: "city", sections: [] },
    cookie: staff,
  });
  await call(`/api/t/sichuan/programs/${program.body.id}/publish`, { body: { version: 1 }, cookie: staff });
});

describe("rounds", () => {
  it("the fixed list shape, and a timeline of phase changes in UTC", async () => {
    const round = await newRound("2026年度市级文明单位评选");
    const list = await callJson<{ items: Array<Record<string, unknown>> }>("/api/t/sichuan/rounds", { cookie: staff });
    expect(list.body.items.find((r) => r.id === round.id)).toMatchObject({
      id: round.id,
      title: "2026年度市级文明单位评选",
      level: "city",
      kind: "selection",
      phase: "draft",
      criteriaSystemId: criteriaId,
    });
    const opened = await advance(round);
    expect(opened.phase).toBe("applications_open");
    expect(opened.timeline).toEqual([
      expect.objectContaining({
        fromPhase: "draft",
        toPhase: "applications_open",
        actor: "四川省文明办管理员",
        at: expect.stringMatching(/Z$/),
      }),
    ]);
  });

  it("only tenant admins create rounds or move phases; a stale version answers 409 and records nothing", async () => {
    const round = await newRound("权限测试评选");
    expect(
      (await call(`/api/t/sichuan/rounds/${round.id}/advance`, { body: { version: 1 }, cookie: deyang })).status,
    ).toBe(403);
    expect(
      (
        await call("/api/t/sichuan/rounds", {
          body: { title: "x", level: "city", kind: "selection", year: 2026, criteriaSystemId: criteriaId },
          cookie: staff,
        })
      ).status,
    ).toBe(403);
    await advance(round);
    expect(
      (await call(`/api/t/sichuan/rounds/${round.id}/advance`, { body: { version: 1 }, cookie: admin })).status,
    ).toBe(409);
    expect(await count("select count(*) n from round_transitions where round_id = ?", round.id)).toBe(1);
    expect((await call(`/api/t/sichuan/rounds/${round.id}`, { cookie: await signIn("admin@hubei.demo") })).status).toBe(
      404,
    );
  });

  it("round settings are edited only in draft", async () => {
    const round = await newRound("设置测试评选");
    const body = {
      version: 1,
      title: "改名后的评选",
      level: "city",
      kind: "selection",
      year: 2026,
      settings: { noticeDays: 5 },
    };
    expect((await call(`/api/t/sichuan/rounds/${round.id}`, { method: "PUT", body, cookie: admin })).status).toBe(200);
    const opened = await advance({ ...round, version: 2 });
    const late = await callJson(`/api/t/sichuan/rounds/${round.id}`, {
      method: "PUT",
      body: { ...body, version: opened.version },
      cookie: admin,
    });
    expect(late).toMatchObject({ status: 409, body: { error: { code: "round_applications_open" } } });
    expect(
      (
        await call("/api/t/sichuan/rounds", {
          body: { ...body, criteriaSystemId: criteriaId, version: undefined, status: "x" },
          cookie: admin,
        })
      ).status,
    ).toBe(400);
  });
});

describe("applying, evidence and submission", () => {
  it("a unit applies, fails submission with a per-item list, adds evidence and submits; the city reviewer sees it", async () => {
    const round = await advance(await newRound("申报流程评选"));
    const created = await callJson<Application>(`/api/t/sichuan/rounds/${round.id}/applications`, {
      body: { channel: "city" },
      cookie: staff,
    });
    expect(created.status).toBe(201);
    let app = created.body;
    expect(app.completeness).toEqual({ complete: 0, required: 2 });

    const early = await callJson<{ error: { code: string; fields: Record<string, string[]> } }>(
      `/api/t/sichuan/applications/${app.id}/submit`,
      { body: { version: app.version }, cookie: staff },
    );
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("evidence_incomplete");
    expect(Object.keys(early.body.error.fields).sort()).toEqual(["A1.1", "A1.2"]);

    app = (await saveItem(app, "A1.1", { selfPoints: 3.5, note: "已印发年度创建规划（德科协〔2026〕1号）" })).body;
    app = (await saveItem(app, "A1.2", { selfGrade: "A", note: "宣传栏、电子屏齐全" })).body;
    expect(app.selfTotal).toBe(9.5);
    expect(app.items.find((i) => i.itemCode === "A1.1")?.gaps).toEqual([expect.stringContaining("2")]);

    expect((await upload(app.id, "A1.1", PNG, "image/png")).status).toBe(201);
    const withPdf = await upload(app.id, "A1.1", PDF, "application/pdf");
    expect(withPdf.status).toBe(201);
    app = (await withPdf.json()) as Application;
    expect(app.completeness).toEqual({ complete: 2, required: 2 });

    const submitted = await callJson<Application>(`/api/t/sichuan/applications/${app.id}/submit`, {
      body: { version: app.version },
      cookie: staff,
    });
    expect(submitted.body.status).toBe("submitted");

    const seen = await callJson<{ items: Array<{ id: string; completeness: { complete: number } }> }>(
      `/api/t/sichuan/rounds/${round.id}/applications`,
      { cookie: deyang },
    );
    expect(seen.body.items).toContainEqual(
      expect.objectContaining({ id: app.id, completeness: { complete: 2, required: 2 } }),
    );
    const other = await callJson<{ items: unknown[] }>(`/api/t/sichuan/rounds/${round.id}/applications`, {
      cookie: dazhou,
    });
    expect(other.body.items).toEqual([]);
    expect((await call(`/api/t/sichuan/applications/${app.id}`, { cookie: dazhou })).status).toBe(404);

    const file = app.items.find((i) => i.itemCode === "A1.1")?.files[0];
    const download = await call(`/api/t/sichuan/evidence-files/${file?.id}`, { cookie: deyang });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("image/png");
    expect((await call(`/api/t/sichuan/evidence-files/${file?.id}`, { cookie: dazhou })).status).toBe(404);

    // Locked once submitted.
    const locked = await saveItem(submitted.body, "A1.1", { selfPoints: 4, note: "改" });
    expect(locked).toMatchObject({ status: 409, body: { error: { code: "application_locked" } } });
  });

  it("checks the evidence rules on save: note length, points above the maximum, grades, foreign records", async () => {
    const round = await advance(await newRound("校验评选"));
    const app = await applyAsUnit(round);
    const cases: Array<[string, Record<string, unknown>]> = [
      ["A1.1", { selfPoints: 4.5, note: "x" }],
      ["A1.1", { selfPoints: 1.25, note: "x" }],
      ["A1.1", { selfPoints: 2, note: "长".repeat(51) }],
      ["A1.1", { selfGrade: "A", note: "x" }],
      ["A1.2", { selfGrade: "Z", note: "x" }],
      ["A1.2", { selfPoints: 3, note: "x" }],
      ["A1.1", { selfPoints: 2, note: "x", recordIds: ["not-a-record-of-this-unit"] }],
      ["A1.1", { selfPoints: 2, note: "x", links: ["javascript:alert(1)"] }],
      ["A1.1", { selfPoints: 2, note: "x", status: "submitted" }],
    ];
    for (const [code, body] of cases) {
      const response = await saveItem(app, code, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    expect((await saveItem(app, "Z9", { note: "x" })).status).toBe(404);
    expect(await count("select count(*) n from application_items where application_id = ?", app.id)).toBe(0);
  });

  it("refuses evidence files of a refused type, over the size limit or not what they claim; stores nothing", async () => {
    const round = await advance(await newRound("上传评选"));
    const app = await applyAsUnit(round);
    const before = (await env.FILES.list({ prefix: "tenants/t-sichuan/applications/" })).objects.length;
    expect((await upload(app.id, "A1.1", new TextEncoder().encode("<svg/>"), "image/svg+xml")).status).toBe(415);
    expect((await upload(app.id, "A1.1", new TextEncoder().encode("plain text"), "image/png")).status).toBe(400);
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PNG);
    expect((await upload(app.id, "A1.1", big, "image/png")).status).toBe(413);
    expect((await upload(app.id, "A1.1", PNG, "image/png", deyang)).status).toBe(403);
    expect((await env.FILES.list({ prefix: "tenants/t-sichuan/applications/" })).objects.length).toBe(before);
  });

  it("a unit applies once per round, with a published program, through a channel the round offers", async () => {
    const round = await advance(await newRound("渠道评选"));
    const sector = await callJson(`/api/t/sichuan/rounds/${round.id}/applications`, {
      body: { channel: "sector", channelSectorId: "sichuan-sector-science" },
      cookie: staff,
    });
    expect(sector.status).toBe(400);
    expect(
      (await call(`/api/t/sichuan/rounds/${round.id}/applications`, { body: { channel: "city" }, cookie: staff }))
        .status,
    ).toBe(201);
    const again = await callJson(`/api/t/sichuan/rounds/${round.id}/applications`, {
      body: { channel: "city" },
      cookie: staff,
    });
    expect(again).toMatchObject({ status: 409, body: { error: { code: "application_exists" } } });
    expect(
      (await call(`/api/t/sichuan/rounds/${round.id}/applications`, { body: { channel: "city" }, cookie: deyang }))
        .status,
    ).toBe(403);

    const hubeiStaff = await signIn("unit@hubei.demo");
    expect(
      (await call(`/api/t/hubei/rounds/${round.id}/applications`, { body: { channel: "city" }, cookie: hubeiStaff }))
        .status,
    ).toBe(404);
  });

  it("a unit without a published program for the year cannot apply", async () => {
    const round = await callJson<Round>("/api/t/sichuan/rounds", {
      body: { title: "往年评选", level: "city", kind: "selection", year: 2019, criteriaSystemId: criteriaId },
      cookie: admin,
    });
    const opened = await advance(round.body);
    const response = await callJson(`/api/t/sichuan/rounds/${opened.id}/applications`, {
      body: { channel: "city" },
      cookie: staff,
    });
    expect(response).toMatchObject({ status: 409, body: { error: { code: "no_published_program" } } });
  });
});

describe("phase rules", () => {
  it("each action outside its phase answers 409 with a code naming the round's phase", async () => {
    let round = await newRound("阶段规则评选");
    // draft: no applications yet.
    const inDraft = await callJson(`/api/t/sichuan/rounds/${round.id}/applications`, {
      body: { channel: "city" },
      cookie: staff,
    });
    expect(inDraft).toMatchObject({ status: 409, body: { error: { code: "round_draft" } } });

    round = await advance(round);
    let app = await applyAsUnit(round);
    app = (await saveItem(app, "A1.1", { selfPoints: 4, note: "规划" })).body;
    app = (await saveItem(app, "A1.2", { selfGrade: "B", note: "阵地" })).body;
    await upload(app.id, "A1.1", PNG, "image/png");
    app = (await (await upload(app.id, "A1.1", PNG, "image/png")).json()) as Application;
    const early = await callJson(`/api/t/sichuan/applications/${app.id}/return`, {
      body: { version: app.version, reason: "材料不全" },
      cookie: deyang,
    });
    expect(early).toMatchObject({ status: 409, body: { error: { code: "round_applications_open" } } });
    app = (
      await callJson<Application>(`/api/t/sichuan/applications/${app.id}/submit`, {
        body: { version: app.version },
        cookie: staff,
      })
    ).body;

    for (const phase of ["city_review", "province_review", "notice", "named"]) {
      round = await advance(round);
      expect(round.phase).toBe(phase);
      const apply = await callJson(`/api/t/sichuan/rounds/${round.id}/applications`, {
        body: { channel: "city" },
        cookie: await signIn("unit@sichuan.demo"),
      });
      expect(apply.status, phase).toBe(409);
      expect((apply.body as { error: { code: string } }).error.code, phase).toMatch(/^(round_|application_exists)/);
      const withdraw = await callJson(`/api/t/sichuan/applications/${app.id}/withdraw`, {
        body: { version: app.version },
        cookie: staff,
      });
      expect(withdraw, phase).toMatchObject({ status: 409, body: { error: { code: `round_${phase}` } } });
      if (phase !== "city_review") {
        const ret = await callJson(`/api/t/sichuan/applications/${app.id}/return`, {
          body: { version: app.version, reason: "退回补充" },
          cookie: deyang,
        });
        expect(ret, phase).toMatchObject({ status: 409, body: { error: { code: `round_${phase}` } } });
      }
    }
    const end = await callJson(`/api/t/sichuan/rounds/${round.id}/advance`, {
      body: { version: round.version },
      cookie: admin,
    });
    expect(end).toMatchObject({ status: 409, body: { error: { code: "round_named" } } });
  });

  it("in city review a reviewer returns a submitted application with a reason; the unit fixes and resubmits", async () => {
    let round = await advance(await newRound("退回评选"));
    let app = await applyAsUnit(round);
    app = (await saveItem(app, "A1.1", { selfPoints: 4, note: "规划" })).body;
    app = (await saveItem(app, "A1.2", { selfGrade: "A", note: "阵地" })).body;
    await upload(app.id, "A1.1", PNG, "image/png");
    app = (await (await upload(app.id, "A1.1", PDF, "application/pdf")).json()) as Application;
    app = (
      await callJson<Application>(`/api/t/sichuan/applications/${app.id}/submit`, {
        body: { version: app.version },
        cookie: staff,
      })
    ).body;
    round = await advance(round);

    expect(
      (
        await call(`/api/t/sichuan/applications/${app.id}/return`, {
          body: { version: app.version, reason: "补" },
          cookie: staff,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(`/api/t/sichuan/applications/${app.id}/return`, {
          body: { version: app.version, reason: "越权退回" },
          cookie: dazhou,
        })
      ).status,
    ).toBe(404);
    const returned = await callJson<Application>(`/api/t/sichuan/applications/${app.id}/return`, {
      body: { version: app.version, reason: "创建规划缺少文号" },
      cookie: deyang,
    });
    expect(returned.body).toMatchObject({ status: "city_returned", returnReason: "创建规划缺少文号" });
    const fixed = await saveItem(returned.body, "A1.1", { selfPoints: 4, note: "规划（德科协〔2026〕1号）" });
    expect(fixed.status).toBe(200);
    const resubmitted = await callJson<Application>(`/api/t/sichuan/applications/${app.id}/submit`, {
      body: { version: fixed.body.version },
      cookie: staff,
    });
    expect(resubmitted.body.status).toBe("submitted");
    const actions = await env.DB.prepare("select action from audit_events where target_id = ? order by rowid")
      .bind(app.id)
      .all<{ action: string }>();
    expect(actions.results.map((r) => r.action).filter((a) => a !== "application.add_file")).toEqual([
      "application.create",
      "application.save_item",
      "application.save_item",
      "application.submit",
      "application.return",
      "application.save_item",
      "application.submit",
    ]);
  });

  it("a stale version on save answers 409 and writes nothing", async () => {
    const round = await advance(await newRound("并发评选"));
    const app = await applyAsUnit(round);
    const results = await Promise.all([
      saveItem(app, "A1.1", { selfPoints: 1, note: "甲" }),
      saveItem(app, "A1.1", { selfPoints: 2, note: "乙" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await count("select count(*) n from application_items where application_id = ?", app.id)).toBe(1);
    expect(
      await count(
        "select count(*) n from audit_events where target_id = ? and action = 'application.save_item'",
        app.id,
      ),
    ).toBe(1);
  });
});
