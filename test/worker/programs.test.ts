import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../worker/data/db.ts";
import { getProgram, publishStatements } from "../../worker/data/programs.ts";
import type { Scope } from "../../worker/data/scope.ts";
import { call, callJson, signIn } from "./client.ts";

interface Item {
  id: string;
  title: string;
  text: string;
  departments: string[];
  progress: number;
  status: string;
}
interface Program {
  id: string;
  unitId: string;
  title: string;
  status: string;
  version: number;
  publishedVersion: number;
  draft: { title: string; sections: Array<{ id: string; kind: string; heading: string; items: Item[] }> };
}

const UNIT = "sichuan-u-deyang-kexie";
const count = async (sql: string, ...binds: string[]) =>
  (
    await env.DB.prepare(sql)
      .bind(...binds)
      .first<{ n: number }>()
  )?.n ?? 0;

const content = (title = "2026年度创建市级文明单位工作方案") => ({
  title,
  startYear: 2026,
  endYear: 2026,
  targetLevel: "city",
  sections: [
    { kind: "guiding", heading: "一、指导思想", text: "以社会主义核心价值观为引领。", items: [] },
    {
      kind: "measures",
      heading: "二、工作措施",
      text: "",
      items: [
        { title: "（一）开展道德讲堂", text: "每季度一次。", departments: ["办公室"] },
        {
          title: "（二）开展志愿服务",
          text: "科普志愿服务进社区。",
          departments: ["普及部", "学会部"],
          progress: 20,
          status: "in_progress",
        },
      ],
    },
  ],
});

let staff: string;
let deyang: string;
let dazhou: string;
let hubei: string;

beforeAll(async () => {
  staff = await signIn("unit@sichuan.demo");
  deyang = await signIn("deyang@sichuan.demo");
  dazhou = await signIn("dazhou@sichuan.demo");
  hubei = await signIn("admin@hubei.demo");
});

async function createProgram(body: unknown = content()) {
  const { status, body: program } = await callJson<Program>(`/api/t/sichuan/units/${UNIT}/programs`, {
    body,
    cookie: staff,
  });
  expect(status).toBe(201);
  return program;
}

describe("writing a program", () => {
  it("the unit's staff start a draft; ids are assigned to sections and measures", async () => {
    const program = await createProgram();
    expect(program).toMatchObject({
      unitId: UNIT,
      status: "draft",
      version: 1,
      publishedVersion: 0,
      targetLevel: "city",
    });
    const measures = program.draft.sections[1]?.items ?? [];
    expect(measures.map((m) => m.departments)).toEqual([["办公室"], ["普及部", "学会部"]]);
    expect(measures.every((m) => m.id.length > 0)).toBe(true);
    expect(measures[0]).toMatchObject({ progress: 0, status: "not_started" });
  });

  it("saves over the version seen; a stale save answers 409 with the current program and changes nothing", async () => {
    const program = await createProgram();
    const edited = content("改过的标题");
    const saved = await callJson<Program>(`/api/t/sichuan/programs/${program.id}`, {
      method: "PUT",
      body: { version: 1, content: edited },
      cookie: staff,
    });
    expect(saved.body).toMatchObject({ title: "改过的标题", version: 2 });
    const stale = await callJson<{ error: { code: string; current: Program } }>(
      `/api/t/sichuan/programs/${program.id}`,
      {
        method: "PUT",
        body: { version: 1, content: content("别人的改动") },
        cookie: staff,
      },
    );
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: "stale_version", current: { title: "改过的标题", version: 2 } });
    expect(
      await count("select count(*) n from audit_events where target_id = ? and action = 'program.save'", program.id),
    ).toBe(1);
  });

  it("of two concurrent saves at one version exactly one wins", async () => {
    const program = await createProgram();
    const statuses = await Promise.all(
      ["甲", "乙"].map(
        async (who) =>
          (
            await call(`/api/t/sichuan/programs/${program.id}`, {
              method: "PUT",
              body: { version: 1, content: content(`${who}的版本`) },
              cookie: staff,
            })
          ).status,
      ),
    );
    expect(statuses.sort()).toEqual([200, 409]);
  });

  it("keeps a measure's id across saves so records and comparisons can follow it", async () => {
    const program = await createProgram();
    const sections = program.draft.sections.map((s) => ({ ...s, items: s.items.map((i) => ({ ...i })) }));
    const first = sections[1]?.items[0];
    if (first) first.progress = 50;
    const saved = await callJson<Program>(`/api/t/sichuan/programs/${program.id}`, {
      method: "PUT",
      body: { version: 1, content: { ...content(), sections } },
      cookie: staff,
    });
    expect(saved.body.draft.sections[1]?.items[0]).toMatchObject({ id: first?.id, progress: 50 });
  });

  it("refuses bad documents and unknown fields with 400 and writes nothing", async () => {
    const before = await count("select count(*) n from programs");
    const bad = [
      { ...content(), endYear: 2020 },
      { ...content(), targetLevel: "galactic" },
      { ...content(), title: "" },
      { ...content(), status: "published" },
      { ...content(), unitId: "sichuan-u-dazhou-vocational" },
      {
        ...content(),
        sections: [
          {
            kind: "measures",
            heading: "x",
            text: "",
            items: [{ title: "t", text: "", departments: [], progress: 150 }],
          },
        ],
      },
      { ...content(), sections: [{ kind: "poetry", heading: "x", text: "", items: [] }] },
      {
        ...content(),
        sections: Array.from({ length: 31 }, () => ({ kind: "other", heading: "", text: "", items: [] })),
      },
    ];
    for (const body of bad) {
      const response = await call(`/api/t/sichuan/units/${UNIT}/programs`, { body, cookie: staff });
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    expect(await count("select count(*) n from programs")).toBe(before);
  });
});

describe("who may read and write", () => {
  it("a reviewer whose scope covers the unit reads it; writing is 403", async () => {
    const program = await createProgram();
    expect((await call(`/api/t/sichuan/programs/${program.id}`, { cookie: deyang })).status).toBe(200);
    expect((await call(`/api/t/sichuan/units/${UNIT}/programs`, { cookie: deyang })).status).toBe(200);
    const write = await call(`/api/t/sichuan/programs/${program.id}`, {
      method: "PUT",
      body: { version: 1, content: content() },
      cookie: deyang,
    });
    expect(write.status).toBe(403);
    expect((await call(`/api/t/sichuan/units/${UNIT}/programs`, { body: content(), cookie: deyang })).status).toBe(403);
  });

  it("another city's reviewer, another unit's staff and another tenant get 404", async () => {
    const program = await createProgram();
    for (const cookie of [dazhou, hubei]) {
      expect((await call(`/api/t/sichuan/programs/${program.id}`, { cookie })).status).toBe(404);
      expect((await call(`/api/t/sichuan/programs/${program.id}/versions`, { cookie })).status).toBe(404);
    }
    expect((await call(`/api/t/hubei/programs/${program.id}`, { cookie: hubei })).status).toBe(404);
    expect((await call(`/api/t/sichuan/units/${UNIT}/programs`, { cookie: dazhou })).status).toBe(404);
    const hubeiStaff = await signIn("unit@hubei.demo");
    expect((await call(`/api/t/hubei/units/${UNIT}/programs`, { body: content(), cookie: hubeiStaff })).status).toBe(
      404,
    );
    expect(
      (await call(`/api/t/hubei/programs/${program.id}/publish`, { body: { version: 1 }, cookie: hubeiStaff })).status,
    ).toBe(404);
    expect((await call(`/api/t/sichuan/programs/${program.id}`)).status).toBe(401);
  });

  it("staff of a pending unit see their unit but cannot write programs", async () => {
    await env.DB.prepare("update units set status = 'pending' where id = ?").bind(UNIT).run();
    try {
      expect((await call(`/api/t/sichuan/units/${UNIT}`, { cookie: staff })).status).toBe(200);
      const response = await callJson(`/api/t/sichuan/units/${UNIT}/programs`, { body: content(), cookie: staff });
      expect(response).toMatchObject({ status: 403, body: { error: { code: "unit_not_active" } } });
    } finally {
      await env.DB.prepare("update units set status = 'active' where id = ?").bind(UNIT).run();
    }
  });
});

/** A fresh draft and the statements that would publish it, built outside any route to break them on purpose. */
async function publishBatchOfNewProgram() {
  const program = await createProgram();
  const db = createDb(env.DB);
  const scope: Scope = {
    tenantId: "t-sichuan",
    tenantSlug: "sichuan",
    userId: "x",
    role: "unit_staff",
    jurisdictionPath: null,
    unitId: UNIT,
  };
  const loaded = await getProgram(db, scope, program.id);
  if (!loaded) throw new Error("missing");
  return { program, db, ...publishStatements(db, scope, loaded, "user-unit-sichuan-demo") };
}

describe("publishing and versions", () => {
  it("each publish is a numbered version; earlier versions stay readable; the diff names what changed", async () => {
    const program = await createProgram();
    const first = await callJson<Program>(`/api/t/sichuan/programs/${program.id}/publish`, {
      body: { version: 1 },
      cookie: staff,
    });
    expect(first.body).toMatchObject({ status: "published", publishedVersion: 1, version: 2 });
    expect(await count("select count(*) n from program_measures where program_id = ?", program.id)).toBe(2);

    const sections = first.body.draft.sections.map((s) => ({ ...s, items: [...s.items] }));
    const measures = sections[1];
    if (!measures) throw new Error("no measures section");
    const [lecture, volunteering] = measures.items;
    measures.items = [
      { ...(volunteering as Item), progress: 60, status: "in_progress" },
      { title: "（三）评选文明科室", text: "", departments: ["工会"] } as Item,
    ];
    await callJson(`/api/t/sichuan/programs/${program.id}`, {
      method: "PUT",
      body: { version: 2, content: { ...content(), title: "修订后的方案", sections } },
      cookie: staff,
    });
    const second = await callJson<Program>(`/api/t/sichuan/programs/${program.id}/publish`, {
      body: { version: 3 },
      cookie: staff,
    });
    expect(second.body.publishedVersion).toBe(2);
    expect(await count("select count(*) n from program_measures where program_id = ?", program.id)).toBe(2);
    expect(
      await count(
        "select count(*) n from program_measures where program_id = ? and title = '（三）评选文明科室'",
        program.id,
      ),
    ).toBe(1);

    const versions = await callJson<{ items: Array<{ number: number; publishedBy: string }> }>(
      `/api/t/sichuan/programs/${program.id}/versions`,
      { cookie: deyang },
    );
    expect(versions.body.items.map((v) => v.number)).toEqual([2, 1]);
    expect(versions.body.items[0]?.publishedBy).toBe("德阳市科协联络员");
    const v1 = await callJson<{ content: Program["draft"] }>(`/api/t/sichuan/programs/${program.id}/versions/1`, {
      cookie: deyang,
    });
    expect(v1.body.content.title).toBe(content().title);

    const diff = await callJson<{
      fields: Array<{ field: string; after: unknown }>;
      sections: Array<{
        change: string;
        items: Array<{ id: string; change: string; fields: Array<{ field: string }> }>;
      }>;
    }>(`/api/t/sichuan/programs/${program.id}/diff/1/2`, { cookie: deyang });
    expect(diff.body.fields).toEqual([{ field: "title", before: content().title, after: "修订后的方案" }]);
    const itemChanges = diff.body.sections.flatMap((s) => s.items);
    expect(itemChanges).toContainEqual(expect.objectContaining({ id: lecture?.id, change: "removed" }));
    expect(itemChanges).toContainEqual(expect.objectContaining({ change: "added" }));
    expect(
      itemChanges
        .find((i) => i.id === volunteering?.id)
        ?.fields.map((f) => f.field)
        .sort(),
    ).toEqual(["progress"]);
    expect((await call(`/api/t/sichuan/programs/${program.id}/versions/9`, { cookie: deyang })).status).toBe(404);
    expect((await call(`/api/t/sichuan/programs/${program.id}/diff/1/x`, { cookie: deyang })).status).toBe(400);
  });

  it("publishing a stale version answers 409 and freezes nothing", async () => {
    const program = await createProgram();
    await callJson(`/api/t/sichuan/programs/${program.id}`, {
      method: "PUT",
      body: { version: 1, content: content() },
      cookie: staff,
    });
    const stale = await call(`/api/t/sichuan/programs/${program.id}/publish`, { body: { version: 1 }, cookie: staff });
    expect(stale.status).toBe(409);
    expect(await count("select count(*) n from program_versions where program_id = ?", program.id)).toBe(0);
  });

  it("a publish whose guard fails inside the batch writes no version, no measures, no event", async () => {
    const { program, db, guard, after } = await publishBatchOfNewProgram();
    // Someone saves between the read and the batch: the guard matches no row.
    await env.DB.prepare("update programs set version = version + 1 where id = ?").bind(program.id).run();
    await db.batch([guard, ...after]);
    expect(await count("select count(*) n from program_versions where program_id = ?", program.id)).toBe(0);
    expect(await count("select count(*) n from program_measures where program_id = ?", program.id)).toBe(0);
    expect(await count("select count(*) n from programs where id = ? and published_version = 0", program.id)).toBe(1);
  });

  it("a publish whose batch fails leaves the program as it was", async () => {
    const { program, db, guard, after } = await publishBatchOfNewProgram();
    const failing = db.run("insert into tenants (id, slug, name) values ('t-sichuan', 'dup', 'dup')");
    await expect(db.batch([guard, ...after, failing])).rejects.toThrow();
    expect(
      await count("select count(*) n from programs where id = ? and published_version = 0 and version = 1", program.id),
    ).toBe(1);
    expect(await count("select count(*) n from program_versions where program_id = ?", program.id)).toBe(0);
  });

  it("writes exactly one audit event per create, save and publish", async () => {
    const program = await createProgram();
    await call(`/api/t/sichuan/programs/${program.id}/publish`, { body: { version: 1 }, cookie: staff });
    const actions = await env.DB.prepare("select action from audit_events where target_id = ? order by rowid")
      .bind(program.id)
      .all<{ action: string }>();
    expect(actions.results.map((r) => r.action)).toEqual(["program.create", "program.publish"]);
  });
});

describe("importing program text", () => {
  it("parses the Daye 科协 program from the shared seed texts", async () => {
    if (!env.SEED_PROGRAM_TEXT) {
      console.warn("seed text absent: the parse-route seed test did not run");
      expect(env.CI, "the seed text must be present under CI").not.toBe("true");
      return;
    }
    const { status, body } = await callJson<{
      startYear: number;
      endYear: number;
      targetLevel: string;
      sections: Array<{ kind: string; items: Array<{ departments: string[] }> }>;
    }>("/api/t/sichuan/programs/parse", { body: { text: env.SEED_PROGRAM_TEXT }, cookie: staff });
    expect(status).toBe(200);
    expect(body).toMatchObject({ startYear: 2015, endYear: 2016, targetLevel: "city" });
    const kinds = body.sections.map((s) => s.kind).filter((k) => k !== "other");
    expect(kinds).toEqual(["guiding", "goals", "measures", "safeguards"]);
    expect(body.sections.find((s) => s.kind === "measures")?.items.map((i) => i.departments)).toEqual([
      ["办公室"],
      ["普及部"],
      ["办公室"],
      ["工会"],
      ["学会部"],
      ["办公室", "学会部"],
    ]);
  });

  it("is open to unit staff and reviewers, not to anonymous callers or other tenants", async () => {
    const body = { text: "一、指导思想\n以人为本。" };
    expect((await call("/api/t/sichuan/programs/parse", { body, cookie: deyang })).status).toBe(200);
    expect((await call("/api/t/sichuan/programs/parse", { body })).status).toBe(401);
    expect((await call("/api/t/sichuan/programs/parse", { body, cookie: hubei })).status).toBe(404);
  });

  it("refuses empty text, 1 MB of text and unknown fields with a clear 4xx", async () => {
    const empty = await callJson<{ error: { fields: Record<string, string[]> } }>("/api/t/sichuan/programs/parse", {
      body: { text: "   " },
      cookie: staff,
    });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields.text?.[0]).toContain("请粘贴");
    const huge = await call("/api/t/sichuan/programs/parse", { body: { text: "文".repeat(1_000_000) }, cookie: staff });
    expect(huge.status).toBe(413);
    const tooLong = await call("/api/t/sichuan/programs/parse", { body: { text: "a".repeat(100_001) }, cookie: staff });
    expect(tooLong.status).toBe(400);
    expect(
      (await call("/api/t/sichuan/programs/parse", { body: { text: "x", unitId: UNIT }, cookie: staff })).status,
    ).toBe(400);
    expect((await call("/api/t/sichuan/programs/parse", { body: { text: 42 }, cookie: staff })).status).toBe(400);
  });
});
