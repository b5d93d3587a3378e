// The demo's awarded units (称号) for the public list and title management, on top of `demoRows` (which holds
// the 市级 and 县级 titles of the demo units), the scoring rounds and the notice round:
// - 省级 titles over three terms (the current one and two expired ones) for units across the cities and sectors,
//   each named by a provincial document (川文明委〔year〕n号); a 全国 title for one of them;
// - one title under a yellow card (黄牌警告, with its deadline and public reason), one revoked (撤销, public
//   reason), one lapsed after an institutional merger (自动终止), one warned and restored (恢复) in the past;
// - the history (award_events) of EVERY demo title, the ones of the other seed files included: a `recorded` entry
//   (titles from before the system are recorded by hand), then each change, so its latest entry matches its status.
// Terms follow the tenant's term length (`titleTerm`); dates are relative to `now`. Ids are deterministic.
import { beijingToday } from "../../worker/domain/record-rules.ts";
import { titleTerm } from "../../worker/domain/title-term.ts";
import type { AwardEventKind, TitleLevel } from "../../worker/domain/vocabulary.ts";
import type * as schema from "../schema.ts";
import type { DemoRows } from "./demo.ts";
import { type DemoNoticeRows, demoNoticeRows } from "./notice.ts";
import type { DemoScoringRows } from "./scoring.ts";

type Insert<T extends { $inferInsert: unknown }> = T["$inferInsert"];
type Award = Insert<typeof schema.awards>;

export interface DemoTitleRows extends DemoNoticeRows {
  /** The titles this file adds (the notice round's 市级 titles come first, from `demoNoticeRows`). */
  awards: Award[];
  awardEvents: Insert<typeof schema.awardEvents>[];
}

type Slug = "sichuan" | "hubei";

/** A status change of a current 省级 title, `daysAgo` before the seed ran (Beijing dates). */
interface Change {
  kind: Extract<AwardEventKind, "warned" | "restored" | "revoked" | "lapsed">;
  daysAgo: number;
  reason: string;
  publicReason: string | null;
  /** For a warning: days from the seed to the deadline to fix (negative: passed). */
  deadlineInDays?: number;
}

interface TenantTitles {
  /** The province's abbreviation on its documents (川文明委, 鄂文明委). */
  abbr: string;
  /** Units holding 省级 titles, by name, with the terms they hold: 0 the current one, -1 and -2 expired ones. */
  province: ReadonlyArray<readonly [string, readonly number[]]>;
  /** Units holding the current 全国 title. */
  national: readonly string[];
  /** Scripted changes of current 省级 titles, by unit name, in the order they happened. */
  changes: Readonly<Record<string, readonly Change[]>>;
}

/** The warned and revoked titles' units, which tests and the browser flows look for. */
export const DEMO_TITLE_CASES: Record<Slug, { warned: string; revoked: string; lapsed: string; restored: string }> = {
  sichuan: {
    warned: "渠县人民法院",
    revoked: "什邡市自来水公司",
    lapsed: "达州经济开发区文化馆",
    restored: "宣汉县卫生健康局",
  },
  hubei: {
    warned: "鄂城区公安局",
    revoked: "铁山区供电公司",
    lapsed: "鹤峰县融媒体中心",
    restored: "大悟县交通运输局",
  },
};

const WARNING = {
  reason: "年度复查中发现该单位志愿服务台账缺失、窗口服务投诉较多，经省文明委研究给予黄牌警告。",
  publicReason: "年度复查发现创建工作台账不全、窗口服务群众投诉较多，给予黄牌警告，限期整改。",
};

const PLANS: Record<Slug, TenantTitles> = {
  sichuan: {
    abbr: "川",
    province: [
      ["彭州市供电公司", [0, -1, -2]],
      ["遂宁市交通运输局", [0, -1, -2]],
      ["广汉市图书馆", [0, -1]],
      ["阿坝藏族羌族自治州总工会", [0, -1]],
      ["新都区税务局", [0]],
      ["广汉市中医医院", [0]],
      ["内江市教育局", [0]],
      ["仪陇县公安局", [0]],
      ["宣汉县卫生健康局", [0]],
      ["渠县人民法院", [0]],
      ["汉源县人民法院", [0]],
      ["泸定县图书馆", [0]],
      ["盐边县科学技术协会", [0]],
      ["叙永县融媒体中心", [0]],
      ["什邡市自来水公司", [0]],
      ["达州经济开发区文化馆", [0]],
      ["都江堰市人民检察院", [-1]],
      ["平武县公安局", [-1]],
    ],
    national: ["彭州市供电公司"],
    changes: {
      渠县人民法院: [{ kind: "warned", daysAgo: 45, deadlineInDays: 45, ...WARNING }],
      什邡市自来水公司: [
        {
          kind: "revoked",
          daysAgo: 75,
          reason: "市应急管理局通报：该公司管网维修作业中发生有限空间中毒事故，造成一人死亡，公司负主要责任。",
          publicReason: "发生造成人员死亡的生产安全责任事故，依据一票否决规定撤销称号。",
        },
      ],
      达州经济开发区文化馆: [
        {
          kind: "lapsed",
          daysAgo: 120,
          reason: "机构改革：并入新组建的区文化服务中心，原单位建制撤销。",
          publicReason: "机构改革中该单位并入新组建单位，原单位撤销，称号自动终止。",
        },
      ],
      宣汉县卫生健康局: [
        { kind: "warned", daysAgo: 300, deadlineInDays: -210, ...WARNING },
        {
          kind: "restored",
          daysAgo: 200,
          reason: "整改到位，经复核恢复称号。",
          publicReason: null,
        },
      ],
    },
  },
  hubei: {
    abbr: "鄂",
    province: [
      ["大冶市教育局", [0, -1, -2]],
      ["下陆区文化馆", [0, -1]],
      ["老河口市人民医院", [0, -1]],
      ["通山县公安局", [0, -1]],
      ["宜都市卫生健康局", [0]],
      ["鄂城区公安局", [0]],
      ["大悟县交通运输局", [0]],
      ["蕲春县人民检察院", [0]],
      ["恩施土家族苗族自治州妇女联合会", [0]],
      ["潜江市教育局", [0]],
      ["东西湖区税务局", [0]],
      ["荆州经济技术开发区税务局", [0]],
      ["铁山区供电公司", [0]],
      ["鹤峰县融媒体中心", [0]],
      ["孝南区职业技术学校", [-1]],
      ["郧西县交通运输局", [-1]],
    ],
    // 湖北省旅游局 holds two 省级 terms already (db/seed/demo.ts).
    national: ["湖北省旅游局"],
    changes: {
      鄂城区公安局: [{ kind: "warned", daysAgo: 40, deadlineInDays: 50, ...WARNING }],
      铁山区供电公司: [
        {
          kind: "revoked",
          daysAgo: 70,
          reason: "省应急管理厅通报：该公司外包施工中发生触电事故，造成一人死亡，公司安全管理责任落实不到位。",
          publicReason: "发生造成人员死亡的生产安全责任事故，依据一票否决规定撤销称号。",
        },
      ],
      鹤峰县融媒体中心: [
        {
          kind: "lapsed",
          daysAgo: 110,
          reason: "机构改革：与县广播电视台整合组建新单位，原单位建制撤销。",
          publicReason: "机构改革中该单位与其他单位整合，原单位撤销，称号自动终止。",
        },
      ],
      大悟县交通运输局: [
        { kind: "warned", daysAgo: 320, deadlineInDays: -230, ...WARNING },
        { kind: "restored", daysAgo: 215, reason: "整改到位，经复核恢复称号。", publicReason: null },
      ],
    },
  },
};

const DAY = 86_400_000;
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

function tenantTitles(slug: Slug, base: DemoRows, taken: ReadonlySet<string>, now: Date): Award[] {
  const plan = PLANS[slug];
  const tenant = base.tenants.find((t) => t.slug === slug);
  if (!tenant) throw new Error(`demo tenant ${slug} missing`);
  const termYears: number = JSON.parse(tenant.settings ?? "{}").termYears ?? 3;
  const adminId = base.memberships.find((m) => m.tenantId === tenant.id && m.role === "tenant_admin")?.userId ?? "";
  const unitNamed = (name: string) => {
    const unit = base.units.find((u) => u.tenantId === tenant.id && u.name === name);
    if (unit?.status !== "active") throw new Error(`no active demo unit named ${name} in ${slug}`);
    if (taken.has(unit.id)) throw new Error(`${name} applies in a demo round: it must not hold a 省级 title`);
    return unit.id;
  };
  const today = beijingToday(now);
  const year = Number(today.slice(0, 4));
  const title = (unitId: string, level: TitleLevel, term: number, namedOn: string, documentRef: string): Award => ({
    id: `${unitId}-award-${level}-${-term}`,
    tenantId: tenant.id,
    unitId,
    level,
    ...titleTerm(namedOn, termYears),
    namedOn,
    status: "active",
    documentRef,
    createdBy: adminId,
  });
  // The current term began last year, as the demo units' 市级 terms do; earlier ones `termYears` apart.
  const termStart = (term: number) => year - 1 + termYears * term;
  const awards: Award[] = [];
  for (const [name, terms] of plan.province) {
    const unitId = unitNamed(name);
    for (const term of terms) {
      const start = termStart(term);
      awards.push(title(unitId, "province", term, `${start}-03-26`, `${plan.abbr}文明委〔${start}〕${3 - term}号`));
    }
  }
  for (const name of plan.national) {
    const unitId = base.units.find((u) => u.tenantId === tenant.id && u.name === name)?.id;
    if (!unitId) throw new Error(`no demo unit named ${name} in ${slug}`);
    const start = termStart(0);
    awards.push(title(unitId, "national", 0, `${start}-05-20`, `中央文明委〔${start}〕1号`));
  }
  // The scripted changes leave the title as its last change says.
  for (const [name, changes] of Object.entries(plan.changes)) {
    const award = awards.find((a) => a.id === `${unitNamed(name)}-award-province-0`);
    const last = changes.at(-1);
    if (!award || !last) throw new Error(`demo title change of ${name}: no current 省级 title`);
    award.status = last.kind === "restored" ? "active" : last.kind;
    award.publicReason = last.publicReason;
    award.warningDeadline =
      last.kind === "warned" && last.deadlineInDays !== undefined ? addDays(today, last.deadlineInDays) : null;
    award.version = 1 + changes.length;
  }
  return awards;
}

/** The history of every title: recorded on its naming day, then the scripted changes of its unit, if any. */
function historyOf(awards: readonly Award[], base: DemoRows, now: Date): Insert<typeof schema.awardEvents>[] {
  const today = beijingToday(now);
  const changesOf = new Map<string, readonly Change[]>();
  for (const [slug, plan] of Object.entries(PLANS)) {
    const tenantId = base.tenants.find((t) => t.slug === slug)?.id;
    for (const [name, changes] of Object.entries(plan.changes)) {
      const unit = base.units.find((u) => u.tenantId === tenantId && u.name === name);
      if (unit) changesOf.set(`${unit.id}-award-province-0`, changes);
    }
  }
  const adminOf = new Map(base.memberships.filter((m) => m.role === "tenant_admin").map((m) => [m.tenantId, m.userId]));
  return awards.flatMap((award) => {
    const actorUserId = adminOf.get(award.tenantId) ?? award.createdBy;
    const recorded = {
      id: `${award.id}-ev-1`,
      tenantId: award.tenantId,
      awardId: award.id,
      unitId: award.unitId,
      kind: "recorded" as const,
      reason: null,
      publicReason: null,
      deadline: null,
      roundId: null,
      effectiveOn: award.namedOn,
      actorUserId,
      createdAt: `${award.namedOn}T02:00:00.000Z`,
    };
    const changes = (changesOf.get(award.id) ?? []).map((change, i) => {
      const effectiveOn = addDays(today, -change.daysAgo);
      return {
        ...recorded,
        id: `${award.id}-ev-${i + 2}`,
        kind: change.kind,
        reason: change.reason,
        publicReason: change.publicReason,
        deadline: change.deadlineInDays === undefined ? null : addDays(today, change.deadlineInDays),
        effectiveOn,
        createdAt: `${effectiveOn}T02:00:00.000Z`,
      };
    });
    return [recorded, ...changes];
  });
}

/**
 * The demo titles and notice round of both demo tenants, for `applyDemoTitles`: `base` is what `demoRows` gave,
 * `scoring` what `demoScoringRows` gave (its 市级 titles get their history here too).
 */
export function demoTitleRows(base: DemoRows, scoring: DemoScoringRows, now: Date = new Date()): DemoTitleRows {
  const notice = demoNoticeRows(base, scoring, now);
  const taken = new Set([...scoring.applications, ...notice.applications].map((a) => a.unitId));
  const titles = (["sichuan", "hubei"] as const).flatMap((slug) => tenantTitles(slug, base, taken, now));
  const awards = [...notice.awards, ...titles];
  return {
    ...notice,
    awards,
    awardEvents: historyOf([...base.awards, ...scoring.awards, ...awards], base, now),
  };
}
