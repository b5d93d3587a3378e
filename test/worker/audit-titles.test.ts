import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { type AuditDetails, auditEvent, runAudited } from "../../worker/data/audit.ts";
import { createDb } from "../../worker/data/db.ts";
import { ok, signIn, tenantApi } from "./client.ts";
import { DEMO, UNITS } from "./fixtures.ts";
import { roundTripsOf } from "./round-trips.ts";
import { createSystem, insertApplication, scoringRound } from "./scoring-fixtures.ts";

/** Looks like a generated id: a long run of hex digits or of letters and digits mixed, as uuids and slugs are. */
const ID_SHAPED = /[0-9a-f]{8,}|[a-z]+-[a-z0-9-]*\d|[A-Za-z0-9]{16,}/;

let tenantId = "";
let application: { id: string; unit: string; round: string };
let admin = "";

/** Writes one event of the office's chain, as a write of the office would. */
const record = (details: Pick<AuditDetails, "action" | "targetType" | "targetId">) =>
  runAudited(createDb(env.DB), [], auditEvent({ tenantId, userId: null, role: null }, details));

/** The office's history filtered to one target, as the history page reads it. */
const historyOf = (targetId: string) =>
  ok(tenantApi(admin)["audit-events"].$get({ param: { tenant: "sichuan" }, query: { targetId } }));

beforeAll(async () => {
  tenantId = (await env.DB.prepare("select id from tenants where slug = 'sichuan'").first<{ id: string }>())?.id ?? "";
  admin = await signIn(DEMO.sichuanAdmin);
  const roundId = await scoringRound(admin, await createSystem(admin));
  const id = await insertApplication(roundId, UNITS.deyangKexie);
  // The fixture's round title carries a unique suffix; an office's reads like this.
  const round = "2026年度德阳市文明单位评选";
  await env.DB.prepare("update rounds set title = ? where id = ?").bind(round, roundId).run();
  application = { id, unit: "德阳市科学技术协会", round };
});

describe("the change history names what changed", () => {
  it("a unit's event carries the unit's name, never its id", async () => {
    await record({ action: "unit.approve", targetType: "unit", targetId: UNITS.deyangKexie });
    const page = await historyOf(UNITS.deyangKexie);
    const event = page.items[0];
    expect(event?.targetTitle).toBe("德阳市科学技术协会");
    expect(event?.targetDeleted).toBe(false);
    expect(event?.targetTitle).not.toMatch(ID_SHAPED);
  });

  it("an application's event carries its unit and round", async () => {
    await record({ action: "application.create", targetType: "application", targetId: application.id });
    const event = (await historyOf(application.id)).items[0];
    expect(event?.targetTitle).toBe(`${application.unit} · ${application.round}`);
    expect(event?.targetTitle).not.toMatch(ID_SHAPED);
  });

  it("an event whose target was deleted says so instead of showing an id", async () => {
    await record({ action: "unit.approve", targetType: "unit", targetId: "sichuan-u-long-gone" });
    const event = (await historyOf("sichuan-u-long-gone")).items[0];
    expect(event?.targetTitle).toBeNull();
    expect(event?.targetDeleted).toBe(true);
  });

  it("another office's record is never named in this office's history", async () => {
    await record({ action: "unit.approve", targetType: "unit", targetId: UNITS.dayeKexie });
    const event = (await historyOf(UNITS.dayeKexie)).items[0];
    expect(event?.targetTitle).toBeNull();
    expect(event?.targetDeleted).toBe(true);
  });

  it("an event of a target with no title of its own (the office's lists) is not marked deleted", async () => {
    await record({ action: "classifications.update", targetType: "sectors", targetId: null });
    const page = await ok(
      tenantApi(admin)["audit-events"].$get({ param: { tenant: "sichuan" }, query: { targetType: "sectors" } }),
    );
    expect(page.items[0]).toMatchObject({ targetTitle: null, targetDeleted: false });
  });

  it("titles ride in the history's one round trip", async () => {
    // The first read seals the events written above (outside a request nothing sealed them): then it is one.
    await historyOf(UNITS.deyangKexie);
    const response = await tenantApi(admin)["audit-events"].$get({
      param: { tenant: "sichuan" },
      query: { pageSize: "50" },
    });
    expect(response.status).toBe(200);
    expect(roundTripsOf(response)).toBe(1);
  });
});
