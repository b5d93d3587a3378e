import { env } from "cloudflare:workers";
import type { InferRequestType, InferResponseType } from "hono/client";
import { beforeAll, describe, expect, it } from "vitest";
import { call, failure, ok, statusOf, tenantApi } from "./client.ts";
import { PDF, PNG, publishedProgram, signInAll } from "./fixtures.ts";
import { count } from "./rows.ts";

type Api = ReturnType<typeof tenantApi>;
type NewSystem = InferRequestType<Api["criteria-systems"]["$post"]>["json"];
type NewRound = InferRequestType<Api["rounds"]["$post"]>["json"];
type RoundChange = InferRequestType<Api["rounds"][":id"]["$put"]>["json"];
type Round = InferResponseType<Api["rounds"][":id"]["$get"], 200>;
type Application = InferResponseType<Api["applications"][":id"]["$get"], 200>;
type ItemSave = InferRequestType<Api["applications"][":id"]["items"][":code"]["$put"]>["json"];

let admin: string;
let staff: string;
let deyang: string;
let dazhou: string;
let criteriaId: string;

const createRound = (cookie: string, json: NewRound) =>
  tenantApi(cookie).rounds.$post({ param: { tenant: "sichuan" }, json });
const round = (cookie: string | undefined, id: string, tenant = "sichuan") => {
  const route = tenantApi(cookie).rounds[":id"];
  const param = { tenant, id };
  return {
    get: () => route.$get({ param }),
    update: (json: RoundChange) => route.$put({ param, json }),
    advance: (version: number) => route.advance.$post({ param, json: { version } }),
  };
};
const roundApplications = (cookie: string | undefined, roundId: string, tenant = "sichuan") => {
  const route = tenantApi(cookie).rounds[":roundId"].applications;
  const param = { tenant, roundId };
  return {
    apply: (channel: "city" = "city") => route.$post({ param, json: { channel } }),
    list: () => route.$get({ param, query: {} }),
  };
};
const application = (cookie: string | undefined, id: string) => {
  const route = tenantApi(cookie).applications[":id"];
  const param = { tenant: "sichuan", id };
  return {
    get: () => route.$get({ param }),
    submit: (version: number) => route.submit.$post({ param, json: { version } }),
    withdraw: (version: number) => route.withdraw.$post({ param, json: { version } }),
    return: (version: number, reason: string) => route.return.$post({ param, json: { version, reason } }),
  };
};
const evidenceFile = (cookie: string, id: string) =>
  tenantApi(cookie)["evidence-files"][":id"].$get({ param: { tenant: "sichuan", id } });

/** The demo unit applies in the round through its city channel. */
async function applyAsUnit(round: { id: string }): Promise<Application> {
  return ok(roundApplications(staff, round.id).apply(), 201);
}

const system: NewSystem = {
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
  return ok(
    createRound(admin, { title, level: "city", kind: "selection", year: 2026, criteriaSystemId: criteriaId }),
    201,
  );
}

async function advance(r: { id: string; version: number }): Promise<Round> {
  return ok(round(admin, r.id).advance(r.version));
}

/** A raw file upload: the typed client sends only JSON bodies, so this is a plain request. */
const upload = (appId: string, code: string, bytes: Uint8Array, type: string, cookie = staff) =>
  call(`/api/t/sichuan/applications/${appId}/items/${code}/files?name=${encodeURIComponent("现场照片.png")}`, {
    method: "POST",
    body: bytes,
    cookie,
    headers: { "content-type": type },
  });
/** A stored upload (201) and the application it answers with. */
const uploaded = async (response: Promise<Response>) => (await ok(response, 201)) as Application;

const saveItem = (
  app: Application,
  code: string,
  body: Omit<ItemSave, "version" | "note"> & { note?: string },
  cookie = staff,
) =>
  tenantApi(cookie).applications[":id"].items[":code"].$put({
    param: { tenant: "sichuan", id: app.id, code },
    json: { version: app.version, note: "", ...body },
  });

beforeAll(async () => {
  ({
    sichuanAdmin: admin,
    sichuanUnit: staff,
    deyang,
    dazhou,
  } = await signInAll("sichuanAdmin", "sichuanUnit", "deyang", "dazhou"));
  const sichuan = { tenant: "sichuan" };
  criteriaId = (await ok(tenantApi(admin)["criteria-systems"].$post({ param: sichuan, json: system }), 201)).id;
  // Applying needs a published program covering the round's year.
  await publishedProgram(staff);
});

describe("rounds", () => {
  it("the fixed list shape, and a timeline of phase changes in UTC", async () => {
    const created = await newRound("2026年度市级文明单位评选");
    // Unit staff see a round only once it takes applications; the office sees its drafts.
    expect(
      (await ok(tenantApi(staff).rounds.$get({ param: { tenant: "sichuan" } }))).items.map((r) => r.id),
    ).not.toContain(created.id);
    const list = await ok(tenantApi(admin).rounds.$get({ param: { tenant: "sichuan" } }));
    expect(list.items.find((r) => r.id === created.id)).toMatchObject({
      id: created.id,
      title: "2026年度市级文明单位评选",
      level: "city",
      kind: "selection",
      phase: "draft",
      criteriaSystemId: criteriaId,
    });
    const opened = await advance(created);
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
    const created = await newRound("权限测试评选");
    expect(await statusOf(round(deyang, created.id).advance(1))).toBe(403);
    const json = { title: "x", level: "city", kind: "selection", year: 2026, criteriaSystemId: criteriaId } as const;
    expect(await statusOf(createRound(staff, json))).toBe(403);
    await advance(created);
    expect(await statusOf(round(admin, created.id).advance(1))).toBe(409);
    expect(await count("select count(*) n from round_transitions where round_id = ?", created.id)).toBe(1);
    const { hubeiAdmin } = await signInAll("hubeiAdmin");
    expect(await statusOf(round(hubeiAdmin, created.id).get())).toBe(404);
  });

  it("round settings are edited only in draft", async () => {
    const created = await newRound("设置测试评选");
    const body: RoundChange = {
      version: 1,
      title: "改名后的评选",
      level: "city",
      kind: "selection",
      year: 2026,
      settings: { noticeDays: 5 },
    };
    expect(await statusOf(round(admin, created.id).update(body))).toBe(200);
    const opened = await advance({ ...created, version: 2 });
    const late = await failure(round(admin, created.id).update({ ...body, version: opened.version }), 409);
    expect(late).toMatchObject({ error: { code: "round_applications_open" } });
    // Plain request: an unknown field breaks the body's types on purpose.
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
    const opened = await advance(await newRound("申报流程评选"));
    let app = await ok(roundApplications(staff, opened.id).apply(), 201);
    expect(app.completeness).toEqual({ complete: 0, required: 2 });

    const early = await failure(application(staff, app.id).submit(app.version), 409);
    expect(early.error.code).toBe("evidence_incomplete");
    expect(Object.keys(early.error.fields ?? {}).sort()).toEqual(["A1.1", "A1.2"]);

    app = await ok(saveItem(app, "A1.1", { selfPoints: 3.5, note: "已印发年度创建规划（德科协〔2026〕1号）" }));
    app = await ok(saveItem(app, "A1.2", { selfGrade: "A", note: "宣传栏、电子屏齐全" }));
    expect(app.selfTotal).toBe(9.5);
    expect(app.items.find((i) => i.itemCode === "A1.1")?.gaps).toEqual([expect.stringContaining("2")]);

    expect((await upload(app.id, "A1.1", PNG, "image/png")).status).toBe(201);
    app = await uploaded(upload(app.id, "A1.1", PDF, "application/pdf"));
    expect(app.completeness).toEqual({ complete: 2, required: 2 });

    const submitted = await ok(application(staff, app.id).submit(app.version));
    expect(submitted.status).toBe("submitted");

    const seen = await ok(roundApplications(deyang, opened.id).list());
    expect(seen.items).toContainEqual(
      expect.objectContaining({ id: app.id, completeness: { complete: 2, required: 2 } }),
    );
    const other = await ok(roundApplications(dazhou, opened.id).list());
    expect(other.items).toEqual([]);
    expect(await statusOf(application(dazhou, app.id).get())).toBe(404);

    const file = app.items.find((i) => i.itemCode === "A1.1")?.files[0];
    const download = await evidenceFile(deyang, file?.id ?? "no-file");
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("image/png");
    expect(await statusOf(evidenceFile(dazhou, file?.id ?? "no-file"))).toBe(404);

    // Locked once submitted.
    const locked = await failure(saveItem(submitted, "A1.1", { selfPoints: 4, note: "改" }), 409);
    expect(locked).toMatchObject({ error: { code: "application_locked" } });
  });

  it("checks the evidence rules on save: note length, points above the maximum, grades, foreign records", async () => {
    const opened = await advance(await newRound("校验评选"));
    const app = await applyAsUnit(opened);
    // Plain requests: a grade where points belong, an unknown field, a bad grade are sent as the user could.
    const saveRaw = (code: string, body: Record<string, unknown>) =>
      call(`/api/t/sichuan/applications/${app.id}/items/${code}`, {
        method: "PUT",
        body: { version: app.version, note: "", ...body },
        cookie: staff,
      });
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
      const response = await saveRaw(code, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    expect((await saveItem(app, "Z9", { note: "x" })).status).toBe(404);
    expect(await count("select count(*) n from application_items where application_id = ?", app.id)).toBe(0);
  });

  it("refuses evidence files of a refused type, over the size limit or not what they claim; stores nothing", async () => {
    const opened = await advance(await newRound("上传评选"));
    const app = await applyAsUnit(opened);
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
    const opened = await advance(await newRound("渠道评选"));
    const sector = await tenantApi(staff).rounds[":roundId"].applications.$post({
      param: { tenant: "sichuan", roundId: opened.id },
      json: { channel: "sector", channelSectorId: "sichuan-sector-science" },
    });
    expect(sector.status).toBe(400);
    expect(await statusOf(roundApplications(staff, opened.id).apply())).toBe(201);
    const again = await failure(roundApplications(staff, opened.id).apply(), 409);
    expect(again).toMatchObject({ error: { code: "application_exists" } });
    expect(await statusOf(roundApplications(deyang, opened.id).apply())).toBe(403);

    const { hubeiUnit: hubeiStaff } = await signInAll("hubeiUnit");
    expect(await statusOf(roundApplications(hubeiStaff, opened.id, "hubei").apply())).toBe(404);
  });

  it("a unit without a published program for the year cannot apply", async () => {
    const created = await ok(
      createRound(admin, {
        title: "往年评选",
        level: "city",
        kind: "selection",
        year: 2019,
        criteriaSystemId: criteriaId,
      }),
      201,
    );
    const opened = await advance(created);
    const response = await failure(roundApplications(staff, opened.id).apply(), 409);
    expect(response).toMatchObject({ error: { code: "no_published_program" } });
  });
});

describe("phase rules", () => {
  it("each action outside its phase answers 409 with a code naming the round's phase", async () => {
    let current = await newRound("阶段规则评选");
    // draft: no applications yet; unit staff cannot even see the round.
    const inDraft = await failure(roundApplications(staff, current.id).apply(), 404);
    expect(inDraft).toMatchObject({ error: { code: "not_found" } });

    current = await advance(current);
    let app = await applyAsUnit(current);
    app = await ok(saveItem(app, "A1.1", { selfPoints: 4, note: "规划" }));
    app = await ok(saveItem(app, "A1.2", { selfGrade: "B", note: "阵地" }));
    await upload(app.id, "A1.1", PNG, "image/png");
    app = await uploaded(upload(app.id, "A1.1", PNG, "image/png"));
    const early = await failure(application(deyang, app.id).return(app.version, "材料不全"), 409);
    expect(early).toMatchObject({ error: { code: "round_applications_open" } });
    app = await ok(application(staff, app.id).submit(app.version));

    for (const phase of ["city_review", "province_review", "notice", "named"]) {
      if (phase === "notice" || phase === "named") {
        // Notice and naming have their own routes (test/worker/notice*.test.ts); here only the phase matters.
        await env.DB.prepare("update rounds set phase = ? where id = ?").bind(phase, current.id).run();
        current = { ...current, phase };
      } else current = await advance(current);
      expect(current.phase).toBe(phase);
      const apply = await failure(roundApplications(staff, current.id).apply(), 409);
      expect(apply.error.code, phase).toMatch(/^(round_|application_exists)/);
      const withdraw = await failure(application(staff, app.id).withdraw(app.version), 409);
      expect(withdraw, phase).toMatchObject({ error: { code: `round_${phase}` } });
      if (phase !== "city_review") {
        const ret = await failure(application(deyang, app.id).return(app.version, "退回补充"), 409);
        expect(ret, phase).toMatchObject({ error: { code: `round_${phase}` } });
      }
      if (phase === "city_review") {
        // Leaving city review needs the city's decision on every submitted application.
        await ok(
          tenantApi(deyang).applications[":id"].decision.$post({
            param: { tenant: "sichuan", id: app.id },
            json: { version: app.version, decision: "not_recommend", reason: "阶段规则测试" },
          }),
        );
      }
    }
    const end = await failure(round(admin, current.id).advance(current.version), 409);
    expect(end).toMatchObject({ error: { code: "round_named" } });
  });

  it("in city review a reviewer returns a submitted application with a reason; the unit fixes and resubmits", async () => {
    const opened = await advance(await newRound("退回评选"));
    let app = await applyAsUnit(opened);
    app = await ok(saveItem(app, "A1.1", { selfPoints: 4, note: "规划" }));
    app = await ok(saveItem(app, "A1.2", { selfGrade: "A", note: "阵地" }));
    await upload(app.id, "A1.1", PNG, "image/png");
    app = await uploaded(upload(app.id, "A1.1", PDF, "application/pdf"));
    app = await ok(application(staff, app.id).submit(app.version));
    await advance(opened);

    expect(await statusOf(application(staff, app.id).return(app.version, "补"))).toBe(403);
    expect(await statusOf(application(dazhou, app.id).return(app.version, "越权退回"))).toBe(404);
    const returned = await ok(application(deyang, app.id).return(app.version, "创建规划缺少文号"));
    expect(returned).toMatchObject({ status: "city_returned", returnReason: "创建规划缺少文号" });
    const fixed = await ok(saveItem(returned, "A1.1", { selfPoints: 4, note: "规划（德科协〔2026〕1号）" }));
    const resubmitted = await ok(application(staff, app.id).submit(fixed.version));
    expect(resubmitted.status).toBe("submitted");
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
    const opened = await advance(await newRound("并发评选"));
    const app = await applyAsUnit(opened);
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
