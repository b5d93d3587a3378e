import type { InferRequestType } from "hono/client";
import { beforeAll, describe, expect, it } from "vitest";
import { composeCreditCode } from "../../worker/domain/credit-code.ts";
import { UNIT_NAME_TAKEN } from "../../worker/domain/unit-rows.ts";
import { api, type ErrorBody, failure, ok, tenantApi } from "./client.ts";
import { registration as nthRegistration, PLACES, type Registration, signInAll } from "./fixtures.ts";
import { count } from "./rows.ts";

// One name per unit in a tenant: self-registration refuses a name the tenant already has, as bulk creation does,
// with the same message, and each refuses what the other created.

type BulkRow = InferRequestType<ReturnType<typeof tenantApi>["units"]["bulk"]["$post"]>["json"]["rows"][number];

let serial = 610_000;

function registration(name: string): Registration {
  serial += 1;
  return nthRegistration(serial, { unit: { name }, account: { email: `dup-name-${serial}@unit.test` } });
}

/** The name field's message as one "中文 / English" text, whether the API sends it whole or split by language. */
function nameMessage(body: ErrorBody): string | undefined {
  const zh = body.error.fields?.["unit.name"];
  const en = body.error.fieldsEn?.["unit.name"];
  expect(zh).toHaveLength(1);
  return en === undefined ? zh?.[0] : `${zh?.[0]} / ${en[0]}`;
}

const register = (json: Registration, slug = "sichuan") =>
  api().api.tenants[":slug"].registrations.$post(
    { param: { slug }, json },
    { headers: { "cf-connecting-ip": `198.18.7.${serial % 250}` } },
  );

/** A bulk row for a unit of this name in 旌阳区, unique per call. */
function bulkRow(name: string): BulkRow {
  serial += 1;
  return {
    name,
    creditCode: composeCreditCode("12", "510603", serial),
    jurisdictionCode: "510603",
    sector: "文化旅游",
    kind: "事业单位",
  };
}

const bulk = (cookie: string, rows: BulkRow[], dryRun?: boolean) =>
  tenantApi(cookie).units.bulk.$post({ param: { tenant: "sichuan" }, json: { rows, dryRun } });
const bulkDryRun = (cookie: string, name: string) => bulk(cookie, [bulkRow(name)], true);

let deyang: string;
beforeAll(async () => {
  ({ deyang } = await signInAll("deyang"));
});

describe("one unit name per tenant, for registration and bulk creation alike", () => {
  it("registration refuses the name of an existing unit with 409 unit_name_taken, naming the field; writes nothing", async () => {
    const units = await count("select count(*) n from units");
    const users = await count("select count(*) n from users");
    const body = await failure(register(registration("德阳市科学技术协会")), 409);
    expect(body.error).toMatchObject({ code: "unit_name_taken", message: "已有同名单位" });
    expect(Object.keys(body.error.fields ?? {})).toEqual(["unit.name"]);
    expect(nameMessage(body)).toBe(UNIT_NAME_TAKEN);
    // Surrounding spaces do not make another name.
    expect((await failure(register(registration("  德阳市科学技术协会 ")), 409)).error.code).toBe("unit_name_taken");
    expect(await count("select count(*) n from units")).toBe(units);
    expect(await count("select count(*) n from users")).toBe(users);
  });

  it("the bulk report refuses the same name with the same message", async () => {
    const body = await ok(bulkDryRun(deyang, "德阳市科学技术协会"));
    expect(body.rows[0]).toMatchObject({ outcome: "refused", reasons: [UNIT_NAME_TAKEN] });
  });

  it("a second registration of a pending unit's name is refused, and so is a bulk row of it", async () => {
    const name = `旌阳区同名测试单位${serial}`;
    await ok(register(registration(name)), 201);
    const second = await failure(register(registration(name)), 409);
    expect(second.error.code).toBe("unit_name_taken");
    expect(await count("select count(*) n from units where name = ?", name)).toBe(1);
    const report = await ok(bulkDryRun(deyang, name));
    expect(report.rows[0]).toMatchObject({ outcome: "refused", reasons: [UNIT_NAME_TAKEN] });
  });

  it("a name created by bulk import cannot then be registered", async () => {
    const name = `旌阳区批量同名单位${serial + 1}`;
    const created = await ok(bulk(deyang, [bulkRow(name)]));
    expect(created.created).toBe(1);
    const body = await failure(register(registration(name)), 409);
    expect(nameMessage(body)).toBe(UNIT_NAME_TAKEN);
  });

  it("another tenant's unit name does not count", async () => {
    const name = `跨租户同名单位${serial}`;
    const hubei = registration(name);
    hubei.unit = {
      ...hubei.unit,
      creditCode: composeCreditCode("12", "420281", serial),
      jurisdictionId: PLACES.daye,
      sectorId: "hubei-sector-culture",
      kindId: "hubei-kind-institution",
    };
    await ok(register(hubei, "hubei"), 201);
    await ok(register(registration(name)), 201);
  });
});
