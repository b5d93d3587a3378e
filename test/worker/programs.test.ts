import { env } from "cloudflare:workers";
import type { InferRequestType } from "hono/client";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../worker/data/db.ts";
import { programLookup, programOf, publishStatements } from "../../worker/data/programs.ts";
import type { Scope } from "../../worker/data/scope.ts";
import { call, failure, ok, statusOf, tenantApi } from "./client.ts";
import { inCi, seedProgramText, signInAll, UNITS } from "./fixtures.ts";
import { count } from "./rows.ts";

const UNIT = UNITS.deyangKexie;

type Api = ReturnType<typeof tenantApi>;
type Content = InferRequestType<Api["units"][":unitId"]["programs"]["$post"]>["json"];

/** A unit's programs (list and create) and one program's routes, as this caller. */
const unitPrograms = (cookie?: string, unitId: string = UNIT, tenant = "sichuan") => {
  const route = tenantApi(cookie).units[":unitId"].programs;
  const param = { tenant, unitId };
  return { list: () => route.$get({ param }), create: (json: Content) => route.$post({ param, json }) };
};
const program = (cookie: string | undefined, id: string, tenant = "sichuan") => {
  const route = tenantApi(cookie).programs[":id"];
  const param = { tenant, id };
  return {
    get: () => route.$get({ param }),
    save: (version: number, content: Content) => route.$put({ param, json: { version, content } }),
    publish: (version: number) => route.publish.$post({ param, json: { version } }),
    versions: () => route.versions.$get({ param }),
    version: (number: string) => route.versions[":number"].$get({ param: { ...param, number } }),
    diff: (from: string, to: string) => route.diff[":from"][":to"].$get({ param: { ...param, from, to } }),
  };
};
const parse = (cookie: string | undefined, text: string) =>
  tenantApi(cookie).programs.parse.$post({ param: { tenant: "sichuan" }, json: { text } });
/** For the plain requests whose bodies break the route's types on purpose. */
const PROGRAMS_PATH = `/api/t/sichuan/units/${UNIT}/programs`;
const PARSE_PATH = "/api/t/sichuan/programs/parse";

const content = (title = "2026年度创建市级文明单位工作方案"): Content => ({
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
  ({
    sichuanUnit: staff,
    deyang,
    dazhou,
    hubeiAdmin: hubei,
  } = await signInAll("sichuanUnit", "deyang", "dazhou", "hubeiAdmin"));
});

async function createProgram(body: Content = content()) {
  return ok(unitPrograms(staff).create(body), 201);
}

describe("writing a program", () => {
  it("the unit's staff start a draft; ids are assigned to sections and measures", async () => {
    const created = await createProgram();
    expect(created).toMatchObject({
      unitId: UNIT,
      status: "draft",
      version: 1,
      publishedVersion: 0,
      targetLevel: "city",
    });
    const measures = created.draft.sections[1]?.items ?? [];
    expect(measures.map((m) => m.departments)).toEqual([["办公室"], ["普及部", "学会部"]]);
    expect(measures.every((m) => m.id.length > 0)).toBe(true);
    expect(measures[0]).toMatchObject({ progress: 0, status: "not_started" });
  });

  it("saves over the version seen; a stale save answers 409 with the current program and changes nothing", async () => {
    const created = await createProgram();
    const edited = content("改过的标题");
    const saved = await ok(program(staff, created.id).save(1, edited));
    expect(saved).toMatchObject({ title: "改过的标题", version: 2 });
    const stale = await failure(program(staff, created.id).save(1, content("别人的改动")), 409);
    expect(stale.error).toMatchObject({ code: "stale_version", current: { title: "改过的标题", version: 2 } });
    expect(
      await count("select count(*) n from audit_events where target_id = ? and action = 'program.save'", created.id),
    ).toBe(1);
  });

  it("of two concurrent saves at one version exactly one wins", async () => {
    const created = await createProgram();
    const statuses = await Promise.all(
      ["甲", "乙"].map((who) => statusOf(program(staff, created.id).save(1, content(`${who}的版本`)))),
    );
    expect(statuses.sort()).toEqual([200, 409]);
  });

  it("keeps a measure's id across saves so records and comparisons can follow it", async () => {
    const created = await createProgram();
    const sections = created.draft.sections.map((s) => ({ ...s, items: s.items.map((i) => ({ ...i })) }));
    const first = sections[1]?.items[0];
    if (first) first.progress = 50;
    const saved = await ok(program(staff, created.id).save(1, { ...content(), sections }));
    expect(saved.draft.sections[1]?.items[0]).toMatchObject({ id: first?.id, progress: 50 });
  });

  it("refuses bad documents and unknown fields with 400 and writes nothing", async () => {
    const before = await count("select count(*) n from programs");
    const wellTyped: Content[] = [
      { ...content(), endYear: 2020 },
      { ...content(), title: "" },
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
      {
        ...content(),
        sections: Array.from({ length: 31 }, () => ({ kind: "other" as const, heading: "", text: "", items: [] })),
      },
    ];
    for (const body of wellTyped) {
      const response = await unitPrograms(staff).create(body);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    // Plain requests: an unknown level or section kind and unknown fields break the body's types on purpose.
    const illTyped = [
      { ...content(), targetLevel: "galactic" },
      { ...content(), status: "published" },
      { ...content(), unitId: UNITS.dazhouVocational },
      { ...content(), sections: [{ kind: "poetry", heading: "x", text: "", items: [] }] },
    ];
    for (const body of illTyped) {
      const response = await call(PROGRAMS_PATH, { body, cookie: staff });
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    expect(await count("select count(*) n from programs")).toBe(before);
  });
});

describe("who may read and write", () => {
  it("a reviewer whose scope covers the unit reads it; writing is 403", async () => {
    const created = await createProgram();
    expect(await statusOf(program(deyang, created.id).get())).toBe(200);
    expect(await statusOf(unitPrograms(deyang).list())).toBe(200);
    expect(await statusOf(program(deyang, created.id).save(1, content()))).toBe(403);
    expect(await statusOf(unitPrograms(deyang).create(content()))).toBe(403);
  });

  it("another city's reviewer, another unit's staff and another tenant get 404", async () => {
    const created = await createProgram();
    for (const cookie of [dazhou, hubei]) {
      expect(await statusOf(program(cookie, created.id).get())).toBe(404);
      expect(await statusOf(program(cookie, created.id).versions())).toBe(404);
    }
    expect(await statusOf(program(hubei, created.id, "hubei").get())).toBe(404);
    expect(await statusOf(unitPrograms(dazhou).list())).toBe(404);
    const { hubeiUnit: hubeiStaff } = await signInAll("hubeiUnit");
    expect(await statusOf(unitPrograms(hubeiStaff, UNIT, "hubei").create(content()))).toBe(404);
    expect(await statusOf(program(hubeiStaff, created.id, "hubei").publish(1))).toBe(404);
    expect(await statusOf(program(undefined, created.id).get())).toBe(401);
  });

  it("staff of a pending unit see their unit but cannot write programs", async () => {
    await env.DB.prepare("update units set status = 'pending' where id = ?").bind(UNIT).run();
    try {
      const unit = tenantApi(staff).units[":id"].$get({ param: { tenant: "sichuan", id: UNIT } });
      expect(await statusOf(unit)).toBe(200);
      const refused = await failure(unitPrograms(staff).create(content()), 403);
      expect(refused).toMatchObject({ error: { code: "unit_not_active" } });
    } finally {
      await env.DB.prepare("update units set status = 'active' where id = ?").bind(UNIT).run();
    }
  });
});

/** A fresh draft and the statements that would publish it, built outside any route to break them on purpose. */
async function publishBatchOfNewProgram() {
  const created = await createProgram();
  const db = createDb(env.DB);
  const scope: Scope = {
    tenantId: "t-sichuan",
    tenantSlug: "sichuan",
    userId: "x",
    role: "unit_staff",
    jurisdictionPath: null,
    unitId: UNIT,
    department: null,
  };
  const loaded = programOf(await programLookup(db, scope, created.id))?.program;
  if (!loaded) throw new Error("missing");
  return { program: created, db, ...publishStatements(db, scope, loaded, "user-unit-sichuan-demo") };
}

describe("publishing and versions", () => {
  it("each publish is a numbered version; earlier versions stay readable; the diff names what changed", async () => {
    const created = await createProgram();
    const asStaff = program(staff, created.id);
    const asReviewer = program(deyang, created.id);
    const first = await ok(asStaff.publish(1));
    expect(first).toMatchObject({ status: "published", publishedVersion: 1, version: 2 });
    expect(await count("select count(*) n from program_measures where program_id = ?", created.id)).toBe(2);

    const sections: Content["sections"] = first.draft.sections.map((s) => ({ ...s, items: [...s.items] }));
    const measures = sections[1];
    if (!measures) throw new Error("no measures section");
    const [lecture, volunteering] = first.draft.sections[1]?.items ?? [];
    if (!lecture || !volunteering) throw new Error("no measures");
    measures.items = [
      { ...volunteering, progress: 60, status: "in_progress" },
      { title: "（三）评选文明科室", text: "", departments: ["工会"] },
    ];
    await ok(asStaff.save(2, { ...content(), title: "修订后的方案", sections }));
    const second = await ok(asStaff.publish(3));
    expect(second.publishedVersion).toBe(2);
    expect(await count("select count(*) n from program_measures where program_id = ?", created.id)).toBe(2);
    expect(
      await count(
        "select count(*) n from program_measures where program_id = ? and title = '（三）评选文明科室'",
        created.id,
      ),
    ).toBe(1);

    const versions = await ok(asReviewer.versions());
    expect(versions.items.map((v) => v.number)).toEqual([2, 1]);
    expect(versions.items[0]?.publishedBy).toBe("德阳市科协联络员");
    const v1 = await ok(asReviewer.version("1"));
    expect(v1.content.title).toBe(content().title);

    const diff = await ok(asReviewer.diff("1", "2"));
    expect(diff.fields).toEqual([{ field: "title", before: content().title, after: "修订后的方案" }]);
    const itemChanges = diff.sections.flatMap((s) => s.items);
    expect(itemChanges).toContainEqual(expect.objectContaining({ id: lecture?.id, change: "removed" }));
    expect(itemChanges).toContainEqual(expect.objectContaining({ change: "added" }));
    expect(
      itemChanges
        .find((i) => i.id === volunteering?.id)
        ?.fields.map((f) => f.field)
        .sort(),
    ).toEqual(["progress"]);
    expect(await statusOf(asReviewer.version("9"))).toBe(404);
    expect(await statusOf(asReviewer.diff("1", "x"))).toBe(400);
  });

  it("publishing a stale version answers 409 and freezes nothing", async () => {
    const created = await createProgram();
    await ok(program(staff, created.id).save(1, content()));
    expect(await statusOf(program(staff, created.id).publish(1))).toBe(409);
    expect(await count("select count(*) n from program_versions where program_id = ?", created.id)).toBe(0);
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
    const created = await createProgram();
    await program(staff, created.id).publish(1);
    const actions = await env.DB.prepare("select action from audit_events where target_id = ? order by rowid")
      .bind(created.id)
      .all<{ action: string }>();
    expect(actions.results.map((r) => r.action)).toEqual(["program.create", "program.publish"]);
  });
});

describe("importing program text", () => {
  it.runIf(inCi)("seed texts are present in CI", () => {
    expect(seedProgramText, "../shared/seeds/program-daye-kexie-2015-2016.txt is required when CI=true").not.toBe("");
  });

  // Skipped, visibly, where the shared seed folder is absent; under CI the test above then fails.
  it.skipIf(!seedProgramText)("parses the Daye 科协 program from the shared seed texts", async () => {
    const body = await ok(parse(staff, seedProgramText));
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
    const text = "一、指导思想\n以人为本。";
    expect(await statusOf(parse(deyang, text))).toBe(200);
    expect(await statusOf(parse(undefined, text))).toBe(401);
    expect(await statusOf(parse(hubei, text))).toBe(404);
  });

  it("refuses empty text, 1 MB of text and unknown fields with a clear 4xx", async () => {
    const empty = await failure(parse(staff, "   "), 400);
    expect(empty.error.fields?.text?.[0]).toContain("请粘贴");
    expect(await statusOf(parse(staff, "文".repeat(1_000_000)))).toBe(413);
    expect(await statusOf(parse(staff, "a".repeat(100_001)))).toBe(400);
    // Plain requests: an unknown field and a number for text break the body's types on purpose.
    expect((await call(PARSE_PATH, { body: { text: "x", unitId: UNIT }, cookie: staff })).status).toBe(400);
    expect((await call(PARSE_PATH, { body: { text: 42 }, cookie: staff })).status).toBe(400);
  });
});
