import { env } from "cloudflare:workers";
import type { InferRequestType } from "hono/client";
import { beforeAll, describe, expect, it } from "vitest";
import { callJson, failure, ok, signIn, statusOf, tenantApi } from "./client.ts";
import { signInAll, UNITS } from "./fixtures.ts";
import { roundTripsOf } from "./round-trips.ts";
import {
  auditCount,
  createSystem,
  insertApplication,
  type NewSystem,
  scoringRound,
  setPhase,
} from "./scoring-fixtures.ts";

type Api = ReturnType<typeof tenantApi>;
type ReportSave = InferRequestType<Api["applications"][":id"]["report"]["$put"]>["json"];

const TENANT = "sichuan";
const UNIT = UNITS.deyangKexie;

/** One base item, so a unit can complete its self-assessment in one save and submit. */
const SYSTEM: NewSystem = {
  name: "汇报材料测试体系",
  version: 1,
  maxTotal: 10,
  categories: [
    {
      code: "A1",
      title: "思想道德建设",
      items: [
        {
          code: "A1.1",
          title: "建设道德讲堂，每年举办道德讲堂活动不少于4次",
          maxPoints: 10,
          method: "material",
          guidance: "查看道德讲堂活动记录",
        },
      ],
    },
  ],
  bonusItems: [{ code: "B1", title: "志愿服务创新项目", maxPoints: 2, method: "material" }],
  bonusCap: 2,
};

let who: Awaited<ReturnType<typeof signInAll<"sichuanAdmin" | "sichuanUnit" | "deyang" | "dazhou" | "hubeiAdmin">>>;
let systemId: string;

beforeAll(async () => {
  who = await signInAll("sichuanAdmin", "sichuanUnit", "deyang", "dazhou", "hubeiAdmin");
  systemId = await createSystem(who.sichuanAdmin, SYSTEM);
});

/** A draft application of the demo unit in a fresh round open for applications, with `report` settings. */
async function draftApplication(report?: { maxChars: number; required: boolean }): Promise<string> {
  const roundId = await scoringRound(who.sichuanAdmin, systemId, "applications_open", report ? { report } : {});
  return insertApplication(roundId, UNIT, "draft");
}

const reportApi = (cookie: string | undefined, id: string, tenant = TENANT) => {
  const route = tenantApi(cookie).applications[":id"].report;
  return {
    get: () => route.$get({ param: { tenant, id } }),
    put: (json: ReportSave) => route.$put({ param: { tenant, id }, json }),
  };
};

const application = (cookie: string) => tenantApi(cookie).applications[":id"];

async function versionOf(id: string): Promise<number> {
  return (await ok(application(who.sichuanUnit).$get({ param: { tenant: TENANT, id } }))).version;
}

/** A report with one section (道德讲堂) and one item, a figure and a link; `text` pads it to a length. */
function body(version: number, extra: Partial<ReportSave> = {}, text = ""): ReportSave {
  return {
    version,
    content: {
      title: "创建文明单位工作情况汇报",
      sections: [
        {
          id: "s1",
          heading: "一、主要做法",
          text: `全年举办道德讲堂活动8期，邀请身边好人讲述身边事。${text}`,
          items: [{ id: "s1-1", title: "（一）志愿服务", text: "成立志愿服务队3支。" }],
        },
        { id: "s2", heading: "二、下一步打算", text: "", items: [] },
      ],
    },
    figures: [
      {
        id: "f1",
        paragraphId: "s1",
        text: "全年举办道德讲堂活动8期",
        label: "举办道德讲堂活动",
        value: 8,
        unit: "期",
        confirmed: true,
      },
    ],
    links: [{ paragraphId: "s1", itemCode: "A1.1" }],
    ...extra,
  };
}

describe("the report on an application", () => {
  it("the unit's staff save and read their report; the save bumps the version, writes one audit event, and suggests items", async () => {
    const id = await draftApplication();
    const empty = await ok(reportApi(who.sichuanUnit, id).get());
    expect(empty).toMatchObject({ applicationId: id, editable: true, maxChars: 3000, required: false, report: null });
    const saved = await ok(reportApi(who.sichuanUnit, id).put(body(empty.applicationVersion)));
    expect(saved.applicationVersion).toBe(empty.applicationVersion + 1);
    expect(saved.report?.links).toEqual([{ paragraphId: "s1", itemCode: "A1.1" }]);
    expect(saved.report?.figures[0]).toMatchObject({ value: 8, unit: "期", confirmed: true });
    expect(saved.report?.length).toBeGreaterThan(20);
    expect(await auditCount("application.save_report", id)).toBe(1);
    const read = await ok(reportApi(who.sichuanUnit, id).get());
    expect(read.report?.content.sections[0]?.text).toContain("道德讲堂");
    // The section that speaks of 道德讲堂 is suggested the item about it, and says which words matched.
    const s1 = read.suggestions.find((s) => s.paragraphId === "s1");
    expect(s1?.items[0]?.itemCode).toBe("A1.1");
    expect(s1?.items[0]?.terms.join("")).toContain("道德讲堂");
    // A section with no text of its own gets no suggestions.
    expect(read.suggestions.some((s) => s.paragraphId === "s2")).toBe(false);
  });

  it("saving again replaces the links and keeps the report one per application", async () => {
    const id = await draftApplication();
    const first = await ok(reportApi(who.sichuanUnit, id).put(body(await versionOf(id))));
    const second = await ok(
      reportApi(who.sichuanUnit, id).put(
        body(first.applicationVersion, {
          links: [
            { paragraphId: "s1-1", itemCode: "B1" },
            { paragraphId: "s1-1", itemCode: "B1" },
          ],
        }),
      ),
    );
    expect(second.report?.links).toEqual([{ paragraphId: "s1-1", itemCode: "B1" }]);
    const rows = await env.DB.prepare("select count(*) n from application_reports where application_id = ?")
      .bind(id)
      .first<{ n: number }>();
    expect(rows?.n).toBe(1);
  });

  it("the placeholders of a saved report are listed for the unit to fill", async () => {
    const id = await draftApplication();
    const saved = await ok(
      reportApi(who.sichuanUnit, id).put(body(await versionOf(id), {}, "20xx年我单位与xx县结对。")),
    );
    expect(saved.report?.placeholders).toEqual(expect.arrayContaining(["20xx年"]));
  });
});

describe("who may read and write it", () => {
  let id: string;
  beforeAll(async () => {
    id = await draftApplication();
    await ok(reportApi(who.sichuanUnit, id).put(body(await versionOf(id))));
  });

  it("a reviewer in scope, a department and the tenant admin read it, not editable; they may not write it (403)", async () => {
    const department = await signIn("jijian@sichuan.demo");
    for (const cookie of [who.deyang, department, who.sichuanAdmin]) {
      const view = await ok(reportApi(cookie, id).get());
      expect(view.editable).toBe(false);
      expect(view.report?.content.title).toBe("创建文明单位工作情况汇报");
      await failure(reportApi(cookie, id).put(body(view.applicationVersion)), 403);
    }
  });

  it("a city reviewer of another city, another tenant and the wrong tenant path answer 404; anonymous 401", async () => {
    expect(await statusOf(reportApi(who.dazhou, id).get())).toBe(404);
    expect(await statusOf(reportApi(who.dazhou, id).put(body(1)))).toBe(404);
    expect(await statusOf(reportApi(who.hubeiAdmin, id, "hubei").get())).toBe(404);
    expect(await statusOf(reportApi(who.hubeiAdmin, id, "hubei").put(body(1)))).toBe(404);
    expect(await statusOf(reportApi(who.hubeiAdmin, id).get())).toBe(404);
    expect(await statusOf(reportApi(undefined, id).get())).toBe(401);
  });

  it("another unit's staff get 404", async () => {
    const other = await insertApplication(
      await scoringRound(who.sichuanAdmin, systemId, "applications_open"),
      UNITS.deyangEducation,
      "draft",
    );
    expect(await statusOf(reportApi(who.sichuanUnit, other).get())).toBe(404);
    expect(await statusOf(reportApi(who.sichuanUnit, other).put(body(1)))).toBe(404);
  });
});

describe("phase locks and versions", () => {
  it("submitted locks it (409 application_locked), returned by the city it is editable again, withdrawn refuses (409)", async () => {
    const id = await draftApplication();
    await ok(reportApi(who.sichuanUnit, id).put(body(await versionOf(id))));
    await env.DB.prepare("update applications set status = 'submitted', version = version + 1 where id = ?")
      .bind(id)
      .run();
    const locked = await ok(reportApi(who.sichuanUnit, id).get());
    expect(locked.editable).toBe(false);
    const refused = await failure(reportApi(who.sichuanUnit, id).put(body(locked.applicationVersion)), 409);
    expect(refused.error.code).toBe("application_locked");
    await env.DB.prepare("update applications set status = 'city_returned', version = version + 1 where id = ?")
      .bind(id)
      .run();
    const roundId = (
      await env.DB.prepare("select round_id r from applications where id = ?").bind(id).first<{ r: string }>()
    )?.r;
    await setPhase(roundId ?? "", "city_review");
    const returned = await ok(reportApi(who.sichuanUnit, id).get());
    expect(returned.editable).toBe(true);
    await ok(reportApi(who.sichuanUnit, id).put(body(returned.applicationVersion)));
    await env.DB.prepare("update applications set status = 'withdrawn', version = version + 1 where id = ?")
      .bind(id)
      .run();
    const withdrawn = await failure(reportApi(who.sichuanUnit, id).put(body(returned.applicationVersion + 2)), 409);
    expect(withdrawn.error.code).toBe("application_withdrawn");
  });

  it("a stale version answers 409 with the current version, and nothing changes", async () => {
    const id = await draftApplication();
    const version = await versionOf(id);
    await ok(reportApi(who.sichuanUnit, id).put(body(version)));
    const stale = await failure(reportApi(who.sichuanUnit, id).put(body(version, { links: [] })), 409);
    expect(stale.error.code).toBe("stale_version");
    expect(stale.error.current).toMatchObject({ version: version + 1 });
    const read = await ok(reportApi(who.sichuanUnit, id).get());
    expect(read.report?.links).toHaveLength(1);
    expect(await auditCount("application.save_report", id)).toBe(1);
  });
});

describe("bad input", () => {
  let id: string;
  let version: number;
  beforeAll(async () => {
    id = await draftApplication();
    version = await versionOf(id);
  });

  const refusedFields = async (json: ReportSave) =>
    Object.keys((await failure(reportApi(who.sichuanUnit, id).put(json), 400)).error.fields ?? {});

  it("links to an unknown item or paragraph are 400 with field messages", async () => {
    const fields = await refusedFields(
      body(version, {
        links: [
          { paragraphId: "s1", itemCode: "Z9.9" },
          { paragraphId: "nope", itemCode: "A1.1" },
        ],
      }),
    );
    expect(fields).toEqual(expect.arrayContaining(["links.0.itemCode", "links.1.paragraphId"]));
  });

  it("duplicate paragraph ids and a figure in a missing paragraph are 400", async () => {
    const base = body(version);
    const [section] = base.content.sections;
    if (!section) throw new Error("no section");
    const fields = await refusedFields({
      ...base,
      content: { ...base.content, sections: [section, { ...section, items: [] }] },
      figures: [{ ...(base.figures[0] as ReportSave["figures"][number]), paragraphId: "gone" }],
    });
    expect(fields).toEqual(expect.arrayContaining(["content.sections.1.id", "figures.0.paragraphId"]));
  });

  it("unknown fields, wrong types and a report over the most a report may hold are 400, an oversize body 413; no row is written", async () => {
    const path = `/api/t/${TENANT}/applications/${id}/report`;
    const extra = await callJson(path, {
      method: "PUT",
      cookie: who.sichuanUnit,
      body: { ...body(version), status: "submitted" },
    });
    expect(extra.status).toBe(400);
    const wrong = await callJson(path, {
      method: "PUT",
      cookie: who.sichuanUnit,
      body: { ...body(version), links: "A1.1" },
    });
    expect(wrong.status).toBe(400);
    const long = "文".repeat(9_000);
    const base = body(version);
    const huge = {
      ...base,
      content: {
        ...base.content,
        sections: [1, 2, 3, 4].map((n) => ({ id: `x${n}`, heading: "段", text: long, items: [] })),
      },
      figures: [],
      links: [],
    };
    const fields = await refusedFields(huge);
    expect(fields).toContain("content");
    const oversize = {
      ...huge,
      content: { ...huge.content, sections: [{ ...huge.content.sections[0], text: "文".repeat(100_000) }] },
    };
    expect((await callJson(path, { method: "PUT", cookie: who.sichuanUnit, body: oversize })).status).toBe(413);
    const rows = await env.DB.prepare("select count(*) n from application_reports where application_id = ?")
      .bind(id)
      .first<{ n: number }>();
    expect(rows?.n).toBe(0);
  });
});

describe("the round's report rule at submission", () => {
  /** Completes the one base item so only the report rule can stop submission. */
  async function readyToSubmit(id: string): Promise<number> {
    const version = await versionOf(id);
    const saved = await ok(
      application(who.sichuanUnit).items[":code"].$put({
        param: { tenant: TENANT, id, code: "A1.1" },
        json: { version, selfPoints: 8, note: "举办道德讲堂8期" },
      }),
    );
    return saved.version;
  }
  const submit = (id: string, version: number) =>
    application(who.sichuanUnit).submit.$post({ param: { tenant: TENANT, id }, json: { version } });

  it("a draft over the round's length saves, but submitting is refused with report_too_long", async () => {
    const id = await draftApplication({ maxChars: 500, required: false });
    const version = await readyToSubmit(id);
    const saved = await ok(reportApi(who.sichuanUnit, id).put(body(version, {}, "文".repeat(600))));
    expect(saved.report?.length).toBeGreaterThan(500);
    const refused = await failure(submit(id, saved.applicationVersion), 409);
    expect(refused.error.code).toBe("report_too_long");
    expect(refused.error.current).toMatchObject({ length: saved.report?.length, maxChars: 500 });
  });

  it("a required report that is missing refuses submission with report_missing; once written it submits", async () => {
    const id = await draftApplication({ maxChars: 3000, required: true });
    const version = await readyToSubmit(id);
    const refused = await failure(submit(id, version), 409);
    expect(refused.error.code).toBe("report_missing");
    const saved = await ok(reportApi(who.sichuanUnit, id).put(body(version)));
    const submitted = await ok(submit(id, saved.applicationVersion));
    expect(submitted.status).toBe("submitted");
    const after = await ok(reportApi(who.sichuanUnit, id).get());
    expect(after.editable).toBe(false);
  });

  it("without a report rule a unit submits with no report", async () => {
    const id = await draftApplication();
    const version = await readyToSubmit(id);
    expect((await ok(submit(id, version))).status).toBe("submitted");
  });
});

describe("audit and atomicity", () => {
  it("a save records one event naming the unit's staff member; a refused save none", async () => {
    const id = await draftApplication();
    const version = await versionOf(id);
    await ok(reportApi(who.sichuanUnit, id).put(body(version)));
    await failure(reportApi(who.sichuanUnit, id).put(body(version)), 409);
    const events = await env.DB.prepare(
      "select action, target_type, actor_role, after_digest is not null digested from audit_events where target_id = ? and action like '%report%'",
    )
      .bind(id)
      .all();
    expect(events.results).toEqual([
      { action: "application.save_report", target_type: "application", actor_role: "unit_staff", digested: 1 },
    ]);
  });

  it("when a link fails to insert, the report, its old links, the version and the audit log are unchanged", async () => {
    const id = await draftApplication();
    const saved = await ok(reportApi(who.sichuanUnit, id).put(body(await versionOf(id))));
    await env.DB.exec(
      "create trigger fail_link before insert on report_links when new.item_code = 'B1' begin select raise(abort, 'forced failure'); end",
    );
    try {
      const res = await reportApi(who.sichuanUnit, id).put(
        body(saved.applicationVersion, { links: [{ paragraphId: "s1-1", itemCode: "B1" }] }, "改写"),
      );
      expect(res.status).toBe(500);
    } finally {
      await env.DB.exec("drop trigger fail_link");
    }
    const now = await ok(reportApi(who.sichuanUnit, id).get());
    expect(now.applicationVersion).toBe(saved.applicationVersion);
    expect(now.report?.links).toEqual(saved.report?.links);
    expect(now.report?.content).toEqual(saved.report?.content);
    expect(await auditCount("application.save_report", id)).toBe(1);
  });
});

describe("round trips", () => {
  it("reading takes one round trip, saving two, a stale save one", async () => {
    const id = await draftApplication();
    const version = await versionOf(id);
    const read = await reportApi(who.sichuanUnit, id).get();
    expect(read.status).toBe(200);
    expect(roundTripsOf(read)).toBe(1);
    const saved = await reportApi(who.sichuanUnit, id).put(body(version));
    expect(saved.status).toBe(200);
    expect(roundTripsOf(saved)).toBe(2);
    const stale = await reportApi(who.sichuanUnit, id).put(body(version));
    expect(stale.status).toBe(409);
    expect(roundTripsOf(stale)).toBe(1);
  });
});
