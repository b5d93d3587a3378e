import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { composeCreditCode } from "../../worker/domain/credit-code.ts";
import { UNIT_NAME_TAKEN } from "../../worker/domain/unit-rows.ts";
import { callJson, signIn } from "./client.ts";

// One name per unit in a tenant: self-registration refuses a name the tenant already has, as bulk creation does,
// with the same message, and each refuses what the other created.

const count = async (sql: string, ...binds: string[]) =>
  (
    await env.DB.prepare(sql)
      .bind(...binds)
      .first<{ n: number }>()
  )?.n ?? 0;

let serial = 610_000;

function registration(name: string) {
  serial += 1;
  return {
    unit: {
      name,
      creditCode: composeCreditCode("12", "510603", serial),
      jurisdictionId: "sichuan-j-510603",
      sectorId: "sichuan-sector-culture",
      kindId: "sichuan-kind-institution",
      contactName: "王老师",
      contactPhone: "0838-2222222",
    },
    account: { email: `dup-name-${serial}@unit.test`, displayName: "联络员", password: "a-long-enough-passphrase" },
  };
}

interface ErrorBody {
  error?: {
    code: string;
    message: string;
    messageEn: string;
    fields?: Record<string, string[]>;
    fieldsEn?: Record<string, string[]>;
  };
}

/** The name field's message as one "中文 / English" text, whether the API sends it whole or split by language. */
function nameMessage(body: ErrorBody): string | undefined {
  const zh = body.error?.fields?.["unit.name"];
  const en = body.error?.fieldsEn?.["unit.name"];
  expect(zh).toHaveLength(1);
  return en === undefined ? zh?.[0] : `${zh?.[0]} / ${en[0]}`;
}

const register = (body: unknown, tenant = "sichuan") =>
  callJson<ErrorBody & { unitId?: string }>(`/api/tenants/${tenant}/registrations`, {
    body,
    headers: { "cf-connecting-ip": `198.18.7.${serial % 250}` },
  });

interface BulkReport {
  rows: Array<{ outcome: string; reasons: string[] }>;
}

const bulkDryRun = (cookie: string, name: string) => {
  serial += 1;
  return callJson<BulkReport>("/api/t/sichuan/units/bulk", {
    cookie,
    body: {
      dryRun: true,
      rows: [
        {
          name,
          creditCode: composeCreditCode("12", "510603", serial),
          jurisdictionCode: "510603",
          sector: "文化旅游",
          kind: "事业单位",
        },
      ],
    },
  });
};

let deyang: string;
beforeAll(async () => {
  deyang = await signIn("deyang@sichuan.demo");
});

describe("one unit name per tenant, for registration and bulk creation alike", () => {
  it("registration refuses the name of an existing unit with 409 unit_name_taken, naming the field; writes nothing", async () => {
    const units = await count("select count(*) n from units");
    const users = await count("select count(*) n from users");
    const { status, body } = await register(registration("德阳市科学技术协会"));
    expect(status).toBe(409);
    expect(body.error).toMatchObject({ code: "unit_name_taken", message: "已有同名单位" });
    expect(Object.keys(body.error?.fields ?? {})).toEqual(["unit.name"]);
    expect(nameMessage(body)).toBe(UNIT_NAME_TAKEN);
    // Surrounding spaces do not make another name.
    expect((await register(registration("  德阳市科学技术协会 "))).body.error?.code).toBe("unit_name_taken");
    expect(await count("select count(*) n from units")).toBe(units);
    expect(await count("select count(*) n from users")).toBe(users);
  });

  it("the bulk report refuses the same name with the same message", async () => {
    const { status, body } = await bulkDryRun(deyang, "德阳市科学技术协会");
    expect(status).toBe(200);
    expect(body.rows[0]).toMatchObject({ outcome: "refused", reasons: [UNIT_NAME_TAKEN] });
  });

  it("a second registration of a pending unit's name is refused, and so is a bulk row of it", async () => {
    const name = `旌阳区同名测试单位${serial}`;
    expect((await register(registration(name))).status).toBe(201);
    const second = await register(registration(name));
    expect(second).toMatchObject({ status: 409, body: { error: { code: "unit_name_taken" } } });
    expect(await count("select count(*) n from units where name = ?", name)).toBe(1);
    const bulk = await bulkDryRun(deyang, name);
    expect(bulk.body.rows[0]).toMatchObject({ outcome: "refused", reasons: [UNIT_NAME_TAKEN] });
  });

  it("a name created by bulk import cannot then be registered", async () => {
    serial += 1;
    const name = `旌阳区批量同名单位${serial}`;
    const created = await callJson<BulkReport & { created: number }>("/api/t/sichuan/units/bulk", {
      cookie: deyang,
      body: {
        rows: [
          {
            name,
            creditCode: composeCreditCode("12", "510603", serial),
            jurisdictionCode: "510603",
            sector: "文化旅游",
            kind: "事业单位",
          },
        ],
      },
    });
    expect(created.body.created).toBe(1);
    const { status, body } = await register(registration(name));
    expect(status).toBe(409);
    expect(nameMessage(body)).toBe(UNIT_NAME_TAKEN);
  });

  it("another tenant's unit name does not count", async () => {
    const name = `跨租户同名单位${serial}`;
    const hubei = registration(name);
    hubei.unit = {
      ...hubei.unit,
      creditCode: composeCreditCode("12", "420281", serial),
      jurisdictionId: "hubei-j-420281",
      sectorId: "hubei-sector-culture",
      kindId: "hubei-kind-institution",
    };
    expect((await register(hubei, "hubei")).status).toBe(201);
    expect((await register(registration(name))).status).toBe(201);
  });
});
