import { env } from "cloudflare:workers";
import type { InferRequestType } from "hono/client";
import { composeCreditCode } from "../../worker/domain/credit-code.ts";
import { type api, ok, signIn, tenantApi } from "./client.ts";

/** Set when the run is CI (`CI=true`): what may be skipped locally must then be present. */
export const inCi = env.CI === "true";

/**
 * ../shared/seeds/program-daye-kexie-2015-2016.txt, or "" where the shared folder is absent. Tests that need it
 * skip visibly without it (`it.skipIf(!seedProgramText)`), and a companion test fails under CI.
 */
export const seedProgramText = env.SEED_PROGRAM_TEXT;

/** The demo accounts (README "Demo accounts"); all use DEMO_PASSWORD. */
export const DEMO = {
  platform: "platform@wenming.demo",
  sichuanAdmin: "admin@sichuan.demo",
  sichuanProvince: "province@sichuan.demo",
  deyang: "deyang@sichuan.demo",
  dazhou: "dazhou@sichuan.demo",
  sichuanUnit: "unit@sichuan.demo",
  hubeiAdmin: "admin@hubei.demo",
  hubeiProvince: "province@hubei.demo",
  huangshi: "huangshi@hubei.demo",
  hubeiUnit: "unit@hubei.demo",
} as const;

export type DemoAccount = keyof typeof DEMO;

/** Signs the named demo accounts in (once per test file each) and returns their session cookies by name. */
export async function signInAll<K extends DemoAccount>(...accounts: K[]): Promise<Record<K, string>> {
  const cookies = {} as Record<K, string>;
  for (const account of accounts) cookies[account] = await signIn(DEMO[account]);
  return cookies;
}

/** Demo units named in the sample programs and reports. */
export const UNITS = {
  /** 德阳市科学技术协会: unit@sichuan.demo's unit, a current 市级 title (two terms). */
  deyangKexie: "sichuan-u-deyang-kexie",
  /** 德阳市教育局: only an expired title. */
  deyangEducation: "sichuan-u-deyang-education",
  /** 达州职业技术学院, in 达州市. */
  dazhouVocational: "sichuan-u-dazhou-vocational",
  /** 大冶市科学技术协会: unit@hubei.demo's unit. */
  dayeKexie: "hubei-u-daye-kexie",
} as const;

/** Demo jurisdiction ids (the division code after the tenant prefix). */
export const PLACES = {
  sichuan: "sichuan-j-510000",
  chengdu: "sichuan-j-510100",
  deyang: "sichuan-j-510600",
  jingyang: "sichuan-j-510603",
  dazhou: "sichuan-j-511700",
  hubei: "hubei-j-420000",
  huangshi: "hubei-j-420200",
  daye: "hubei-j-420281",
} as const;

/** Materialised jurisdiction paths of the demo cities. */
export const PATHS = { deyang: "/510000/510600/", dazhou: "/510000/511700/" } as const;

/** Small bytes that sniff as a PNG (signature and IHDR of a 1×1 image) and as a PDF. */
export const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6,
  0, 0, 0,
]);
export const PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

/** 德阳市科学技术协会 publishes a creation program for `year`, as applying in a round of that year requires. */
export async function publishedProgram(staffCookie: string, year = 2026): Promise<{ id: string }> {
  const sichuan = { tenant: "sichuan" };
  const program = await ok(
    tenantApi(staffCookie).units[":unitId"].programs.$post({
      param: { ...sichuan, unitId: UNITS.deyangKexie },
      json: { title: `${year}年度创建方案`, startYear: year, endYear: year, targetLevel: "city", sections: [] },
    }),
    201,
  );
  await ok(
    tenantApi(staffCookie).programs[":id"].publish.$post({
      param: { ...sichuan, id: program.id },
      json: { version: 1 },
    }),
  );
  return program;
}

export type Registration = InferRequestType<
  ReturnType<typeof api>["api"]["tenants"][":slug"]["registrations"]["$post"]
>["json"];

/** The password of the accounts `registration` creates. */
export const REGISTRATION_PASSWORD = "a-long-enough-passphrase";

/** A complete, valid self-registration of a unit in 旌阳区; `serial` makes its credit code and email unique. */
export function registration(
  serial: number,
  overrides: { unit?: Partial<Registration["unit"]>; account?: Partial<Registration["account"]> } = {},
): Registration {
  return {
    unit: {
      name: `旌阳区测试单位${serial}`,
      creditCode: composeCreditCode("12", "510603", serial),
      jurisdictionId: PLACES.jingyang,
      sectorId: "sichuan-sector-culture",
      kindId: "sichuan-kind-institution",
      contactName: "王老师",
      contactPhone: "0838-2222222",
      ...overrides.unit,
    },
    account: {
      email: `staff${serial}@unit.test`,
      displayName: "联络员",
      password: REGISTRATION_PASSWORD,
      ...overrides.account,
    },
  };
}
