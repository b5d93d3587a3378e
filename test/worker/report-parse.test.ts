import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, callJson, failure, ok, statusOf, tenantApi } from "./client.ts";
import { inCi, signInAll } from "./fixtures.ts";
import { roundTripsOf } from "./round-trips.ts";

/** ../shared/seeds/reports-three-units.txt, or "" where the shared folder is absent. */
const seedReports = env.SEED_REPORTS_TEXT;

const parse = (cookie: string | undefined, text: string, keep?: string[], tenant = "sichuan") =>
  tenantApi(cookie).reports.parse.$post({ param: { tenant }, json: keep ? { text, keep } : { text } });
/** For the plain requests whose bodies break the route's types on purpose. */
const PATH = "/api/t/sichuan/reports/parse";
const TEXT = "位置：首页 > 汇报\n一、組織領導\n我单位成立了创建工作领导小组,共组织集体学习24次。";

let staff: string;
let deyang: string;
let admin: string;
let hubei: string;

beforeAll(async () => {
  ({
    sichuanUnit: staff,
    deyang,
    sichuanAdmin: admin,
    hubeiAdmin: hubei,
  } = await signInAll("sichuanUnit", "deyang", "sichuanAdmin", "hubeiAdmin"));
});

describe("POST /reports/parse", () => {
  it("gives the unit's staff the cleaned draft with what was removed, converted and changed", async () => {
    const body = await ok(parse(staff, TEXT));
    expect(body.removed).toEqual([{ line: "位置：首页 > 汇报", reason: "breadcrumb" }]);
    expect(body.removedLines).toEqual(["位置：首页 > 汇报"]);
    expect(body.converted).toEqual({ traditional: 4, pinyin: 0 });
    expect(body.changes.map((c) => c.after)).toEqual([
      "一、组织领导",
      "我单位成立了创建工作领导小组，共组织集体学习24次。",
    ]);
    expect(body.documents).toHaveLength(1);
    expect(body.documents[0]?.sections[0]?.heading).toBe("一、组织领导");
    expect(body.documents[0]?.figures).toEqual([
      expect.objectContaining({ value: 24, unit: "次", label: "组织集体学习", section: 0, item: null }),
    ]);
    expect(Object.keys(body).sort()).toEqual(["changes", "converted", "documents", "removed", "removedLines"]);
  });

  it("keeps the lines the user restores", async () => {
    const body = await ok(parse(staff, TEXT, ["位置：首页 > 汇报"]));
    expect(body.removedLines).toEqual([]);
    // Restored, it is the first line of the paste: the report's title.
    expect(body.documents[0]?.title).toBe("位置：首页 > 汇报");
  });

  it.runIf(inCi)("seed texts are present in CI", () => {
    expect(seedReports, "../shared/seeds/reports-three-units.txt is required when CI=true").not.toBe("");
  });

  // Skipped, visibly, where the shared seed folder is absent; under CI the test above then fails.
  it.skipIf(!seedReports)("parses the three-report page of the shared seeds into three documents", async () => {
    const body = await ok(parse(staff, seedReports));
    expect(body.documents.map((d) => d.title)).toEqual([
      "市级文明单位汇报材料 篇1",
      "市级文明单位汇报材料 篇2",
      "市级文明单位汇报材料 篇3",
    ]);
    expect(body.removed.map((r) => r.reason)).toEqual(["site_name", "breadcrumb", "listing_title", "listing_title"]);
    expect(body.documents[0]?.placeholders).toContain("xx县");
  });

  it("is open to unit staff, reviewers and tenant admins; not to anonymous callers or another office", async () => {
    expect(await statusOf(parse(staff, TEXT))).toBe(200);
    expect(await statusOf(parse(deyang, TEXT))).toBe(200);
    expect(await statusOf(parse(admin, TEXT))).toBe(200);
    expect(await statusOf(parse(undefined, TEXT))).toBe(401);
    // Another office's admin under this office's path, and this office's staff under theirs.
    expect(await statusOf(parse(hubei, TEXT))).toBe(404);
    expect(await statusOf(parse(staff, TEXT, undefined, "hubei"))).toBe(404);
  });

  it("costs no more D1 round trips than the program parser: it reads and stores nothing itself", async () => {
    const report = await parse(staff, TEXT);
    const program = await tenantApi(staff).programs.parse.$post({ param: { tenant: "sichuan" }, json: { text: TEXT } });
    expect(roundTripsOf(report)).toBe(roundTripsOf(program));
  });

  it("refuses empty, too long and mistyped input with 400 and field messages", async () => {
    const empty = await failure(parse(staff, "   "), 400);
    expect(empty.error.code).toBe("validation_failed");
    expect(empty.error.fields?.text?.[0]).toContain("请粘贴");
    expect(await statusOf(parse(staff, "a".repeat(100_001)))).toBe(400);
    const longKeep = await failure(parse(staff, TEXT, ["长".repeat(2001)]), 400);
    expect(Object.keys(longKeep.error.fields ?? {})).toEqual(["keep.0"]);
    expect(
      await statusOf(
        parse(
          staff,
          TEXT,
          Array.from({ length: 501 }, () => "x"),
        ),
      ),
    ).toBe(400);
    // Plain requests: mistyped fields, an unknown field (the tenant never comes from the body), broken JSON.
    for (const body of [{ text: 42 }, { text: TEXT, keep: "x" }, { text: TEXT, tenantId: "hubei" }, {}]) {
      const { status, body: answer } = await callJson<{ error: { code: string } }>(PATH, { body, cookie: staff });
      expect([status, answer.error.code]).toEqual([400, "validation_failed"]);
    }
    expect((await call(PATH, { body: "{not json", cookie: staff })).status).toBe(400);
  });

  it("refuses 1 MB of text with 413 and a text/plain body with 415", async () => {
    const big = await callJson<{ error: { code: string } }>(PATH, {
      body: { text: "文".repeat(1_000_000) },
      cookie: staff,
    });
    expect([big.status, big.body.error.code]).toEqual([413, "payload_too_large"]);
    const plain = await call(PATH, {
      body: JSON.stringify({ text: TEXT }),
      cookie: staff,
      headers: { "content-type": "text/plain" },
    });
    expect(plain.status).toBe(415);
  });
});
