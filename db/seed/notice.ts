// The demo round on public notice (公示) of each demo tenant, on top of `demoRows` and the scoring rounds:
// "<year>年度<province>文明单位评选（第二批）" (省级, selection) in its `notice` phase, its thirteen applications
// scored by the provincial panel (results and department sign-offs as the Worker keeps them): ten above the naming
// gate on the notice in rank order, two below the gate and one vetoed by a department left off it. The window
// opened two days before the seed ran (Beijing time) and runs seven calendar days, so it is open for a demo or a
// test that seeds now. Its applicants hold a current 市级 title (given here where missing) and none of them
// applies in the scoring rounds. Ids are deterministic; seeding twice changes nothing.
import { beijingToday } from "../../worker/domain/record-rules.ts";
import { titleTerm } from "../../worker/domain/title-term.ts";
import { RoundSettings } from "../../worker/schemas/rounds.ts";
import type * as schema from "../schema.ts";
import { DEMO_DEPARTMENTS, type DemoRows, frozenCriteriaId } from "./demo.ts";
import type { DemoScoringRows } from "./scoring.ts";

type Insert<T extends { $inferInsert: unknown }> = T["$inferInsert"];

export interface DemoNoticeRows {
  awards: Insert<typeof schema.awards>[];
  rounds: Insert<typeof schema.rounds>[];
  roundTransitions: Insert<typeof schema.roundTransitions>[];
  applications: Insert<typeof schema.applications>[];
  applicationResults: Insert<typeof schema.applicationResults>[];
  signoffs: Insert<typeof schema.signoffs>[];
  notices: Insert<typeof schema.notices>[];
  noticeEntries: Insert<typeof schema.noticeEntries>[];
}

type Slug = "sichuan" | "hubei";

/** The units on each tenant's demo notice, in rank order (what tests and the browser flow look for). */
export const DEMO_NOTICE_LISTED: Record<Slug, readonly string[]> = {
  sichuan: [
    "温江区人民医院",
    "中江县第一中学",
    "宜宾市供电公司",
    "峨眉山市农村商业银行",
    "龙泉驿区科学技术协会",
    "泸州市图书馆",
    "广汉市公安局",
    "阆中市人民医院",
    "雅安市交通运输局",
    "东坡区图书馆",
  ],
  hubei: [
    "汉南区人民医院",
    "西塞山区中医医院",
    "枝江市文化馆",
    "十堰市融媒体中心",
    "松滋市第一中学",
    "老河口市实验小学",
    "汉川市人民法院",
    "麻城市农村商业银行",
    "青山区科学技术协会",
    "随州市人民医院",
  ],
};

/** Applicants of the notice round left off the notice: two below the naming gate, then one vetoed. */
export const DEMO_NOTICE_UNLISTED: Record<Slug, { belowGate: readonly [string, string]; vetoed: string }> = {
  sichuan: { belowGate: ["简阳市文化馆", "广元市妇女联合会"], vetoed: "安居区中医医院" },
  hubei: { belowGate: ["京山市供电公司", "咸安区农村商业银行"], vetoed: "利川市图书馆" },
};

/** The ids a test (or a reader) needs to find the demo notice. */
export const DEMO_NOTICE = {
  roundId: (slug: string) => `${slug}-round-notice`,
  noticeId: (slug: string) => `${slug}-notice`,
  /** The public entryId of the unit at `position` (1 = first on the notice). */
  entryId: (slug: string, position: number) => `${slug}-notice-entry-${String(position).padStart(2, "0")}`,
} as const;

/** How to reach each office with an objection, as printed on its notice (a fictional number and address). */
const CONTACT: Record<Slug, string> = {
  sichuan:
    "公示期间，对公示单位有异议的，可通过电话或信函向四川省文明办反映。联系电话：028-86000000（工作日 9:00—17:00）；通信地址：成都市锦江区示例路1号，邮编 610000。",
  hubei:
    "公示期间，对公示单位有异议的，可通过电话或信函向湖北省文明办反映。联系电话：027-87000000（工作日 9:00—17:00）；通信地址：武汉市武昌区示例路1号，邮编 430000。",
};

/** Aggregates of the listed units (all above the gate of 80) and of the two below it, and of the vetoed one. */
const LISTED_SCORES = [93.5, 92.17, 91.33, 90.5, 89.83, 88.67, 87.5, 86.33, 85.17, 84];
const BELOW_GATE_SCORES = [78.5, 76.33];
const VETOED_SCORE = 88.17;
const VETO: Record<Slug, { department: string; reason: string }> = {
  sichuan: {
    department: "安全生产",
    reason: "该单位所属院区今年发生一起电梯困人致伤事件，经调查认定设备维护不到位，单位负有管理责任。",
  },
  hubei: {
    department: "生态环境",
    reason: "该单位新馆建设工地今年因扬尘治理不达标被生态环境部门立案处罚，整改尚未完成。",
  },
};

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
/** 00:00 Beijing time (UTC+8) on `day`, as a UTC instant. */
const beijingMidnight = (day: string) => iso(Date.parse(`${day}T00:00:00+08:00`));

function tenantNotice(slug: Slug, base: DemoRows, scoring: DemoScoringRows, now: Date): DemoNoticeRows {
  const tenant = base.tenants.find((t) => t.slug === slug);
  if (!tenant) throw new Error(`demo tenant ${slug} missing`);
  const tenantId = tenant.id;
  const termYears: number = JSON.parse(tenant.settings ?? "{}").termYears ?? 3;
  const places = base.jurisdictions.filter((j) => j.tenantId === tenantId);
  const province = places.find((j) => j.level === "province");
  if (!province) throw new Error(`no province in ${slug}`);
  const placeName = new Map(places.map((j) => [j.id, j.name]));
  const units = base.units.filter((u) => u.tenantId === tenantId);
  const memberships = base.memberships.filter((m) => m.tenantId === tenantId);
  const adminId = memberships.find((m) => m.role === "tenant_admin")?.userId ?? "";
  const departmentUser = new Map(
    memberships.filter((m) => m.role === "department").map((m) => [m.department, m.userId]),
  );
  const elsewhere = new Set(scoring.applications.map((a) => a.unitId));
  const unitNamed = (name: string) => {
    const unit = units.find((u) => u.name === name);
    if (unit?.status !== "active") throw new Error(`no active demo unit named ${name} in ${slug}`);
    if (elsewhere.has(unit.id)) throw new Error(`${name} already applies in a demo scoring round`);
    return unit;
  };

  const nowMs = now.getTime();
  const today = beijingToday(now);
  const year = Number(today.slice(0, 4));
  const startsOn = addDays(today, -2);
  const endsOn = addDays(startsOn, 6);
  const noticeAt = Date.parse(beijingMidnight(startsOn)) + 9 * 3_600_000;
  const openedAt = nowMs - 150 * DAY;
  const cityReviewAt = nowMs - 110 * DAY;
  const provinceReviewAt = nowMs - 60 * DAY;
  const roundId = DEMO_NOTICE.roundId(slug);

  const unlisted = DEMO_NOTICE_UNLISTED[slug];
  const applicants = [
    ...DEMO_NOTICE_LISTED[slug].map((name, i) => ({ name, score: LISTED_SCORES[i] ?? 80, listed: true, veto: false })),
    ...unlisted.belowGate.map((name, i) => ({ name, score: BELOW_GATE_SCORES[i] ?? 70, listed: false, veto: false })),
    { name: unlisted.vetoed, score: VETOED_SCORE, listed: false, veto: true },
  ].map((a) => ({ ...a, unit: unitNamed(a.name) }));

  // A 省级 round requires a current 市级 title: the applicants that lack one were named in their city's last term.
  const held = new Set(
    [...base.awards, ...scoring.awards]
      .filter((a) => a.level === "city" && a.validUntil >= today && a.namedOn <= today)
      .map((a) => a.unitId),
  );
  const cityTerm = titleTerm(`${year - 1}-01-20`, termYears);
  const awards: Insert<typeof schema.awards>[] = applicants
    .filter((a) => !held.has(a.unit.id))
    .map(({ unit }) => ({
      id: `${unit.id}-award-city-0`,
      tenantId,
      unitId: unit.id,
      level: "city" as const,
      ...cityTerm,
      namedOn: `${cityTerm.termStartYear}-01-20`,
      status: "active" as const,
      documentRef: `${placeName.get(unit.cityId ?? "") ?? province.name}文明委〔${cityTerm.termStartYear}〕2号`,
      createdBy: adminId,
    }));

  const applications: Insert<typeof schema.applications>[] = applicants.map(({ unit, listed }, i) => ({
    id: `${slug}-notice-app-${String(i + 1).padStart(2, "0")}`,
    tenantId,
    roundId,
    unitId: unit.id,
    jurisdictionPath: unit.jurisdictionPath,
    channel: "city",
    status: listed ? "on_notice" : "province_scored",
    submittedAt: iso(openedAt + (3 + i) * DAY),
    version: 4,
    createdAt: iso(openedAt + (1 + i) * DAY),
    updatedAt: iso(listed ? noticeAt : provinceReviewAt + 40 * DAY),
  }));
  const scoredAt = iso(provinceReviewAt + 30 * DAY);
  const applicationResults: Insert<typeof schema.applicationResults>[] = applicants.map(({ score, veto }, i) => {
    const app = applications[i];
    // Three reviewers around the aggregate (the trimmed mean of three is the middle one); subtotals in proportion.
    const totals = [score - 1.5, score, score + 2];
    const share = (f: number) => Math.round(score * f * 100) / 100;
    return {
      applicationId: app?.id ?? "",
      stage: "province" as const,
      tenantId,
      roundId,
      reviewerTotals: JSON.stringify(totals),
      reviewers: 3,
      aggregate: score,
      onsite: share(0.34),
      material: share(0.4),
      survey: share(0.16),
      online: share(0.1),
      firstCategory: share(0.12),
      deduction: i % 4 === 3 ? 1 : 0,
      vetoed: veto,
      updatedAt: scoredAt,
    };
  });
  const veto = VETO[slug];
  const signoffs: Insert<typeof schema.signoffs>[] = applications.flatMap((app, i) =>
    DEMO_DEPARTMENTS.map(([local, department]) => {
      const vetoed = applicants[i]?.veto === true && department === veto.department;
      const at = iso(provinceReviewAt + (10 + ((i + local.length) % 15)) * DAY);
      return {
        id: `${app.id}-so-${local}`,
        tenantId,
        roundId,
        applicationId: app.id ?? "",
        department,
        userId: departmentUser.get(department) ?? "",
        verdict: vetoed ? ("veto" as const) : ("clear" as const),
        reason: vetoed ? veto.reason : null,
        createdAt: at,
        updatedAt: at,
      };
    }),
  );

  const noticeId = DEMO_NOTICE.noticeId(slug);
  const noticeEntries: Insert<typeof schema.noticeEntries>[] = applicants.flatMap(({ unit, listed }, i) =>
    listed
      ? [
          {
            id: DEMO_NOTICE.entryId(slug, i + 1),
            tenantId,
            noticeId,
            roundId,
            applicationId: applications[i]?.id ?? "",
            unitId: unit.id,
            position: i + 1,
            status: "listed" as const,
          },
        ]
      : [],
  );
  const settings = RoundSettings.parse({
    dates: {
      applicationsOpen: beijingToday(new Date(openedAt)),
      applicationsClose: beijingToday(new Date(cityReviewAt - DAY)),
      cityReviewClose: beijingToday(new Date(provinceReviewAt - DAY)),
      provinceReviewClose: addDays(startsOn, -1),
      noticeStart: startsOn,
      noticeEnd: endsOn,
    },
    eligibility: { requiresTitle: "city", orConsecutiveTerms: null, minScoreForOnsite: 70, minScoreToName: 80 },
    noticeDays: 7,
    review: { panelSize: 3, aggregation: "trimmed", signoffDepartments: DEMO_DEPARTMENTS.map(([, d]) => d) },
  });
  const transition = (n: number, fromPhase: string, toPhase: string, at: number) => ({
    id: `${roundId}-t-${n}`,
    tenantId,
    roundId,
    fromPhase,
    toPhase,
    actorUserId: adminId,
    reason: null,
    at: iso(at),
  });
  return {
    awards,
    rounds: [
      {
        id: roundId,
        tenantId,
        title: `${year}年度${province.name}文明单位评选（第二批）`,
        level: "province",
        kind: "selection",
        year,
        criteriaSystemId: frozenCriteriaId(slug),
        phase: "notice",
        settings: JSON.stringify(settings),
        version: 5,
        createdAt: iso(openedAt - 10 * DAY),
      },
    ],
    roundTransitions: [
      transition(1, "draft", "applications_open", openedAt),
      transition(2, "applications_open", "city_review", cityReviewAt),
      transition(3, "city_review", "province_review", provinceReviewAt),
      transition(4, "province_review", "notice", noticeAt),
    ],
    applications,
    applicationResults,
    signoffs,
    notices: [
      {
        id: noticeId,
        tenantId,
        roundId,
        title: `关于${year}年度${province.name}文明单位（第二批）拟命名名单的公示`,
        startsOn,
        endsOn,
        startsAt: beijingMidnight(startsOn),
        // 24:00 Beijing time on the last day: the next day's midnight.
        endsAt: beijingMidnight(addDays(endsOn, 1)),
        contact: CONTACT[slug],
        issuer: tenant.name,
        createdBy: adminId,
        createdAt: iso(noticeAt),
      },
    ],
    noticeEntries,
  };
}

/** The demo notice rounds of both demo tenants; `base` is what `demoRows` gave, `scoring` what `demoScoringRows` gave. */
export function demoNoticeRows(base: DemoRows, scoring: DemoScoringRows, now: Date = new Date()): DemoNoticeRows {
  const all: DemoNoticeRows = {
    awards: [],
    rounds: [],
    roundTransitions: [],
    applications: [],
    applicationResults: [],
    signoffs: [],
    notices: [],
    noticeEntries: [],
  };
  for (const slug of ["sichuan", "hubei"] as const) {
    const rows = tenantNotice(slug, base, scoring, now);
    for (const key of Object.keys(all) as Array<keyof DemoNoticeRows>) (all[key] as unknown[]).push(...rows[key]);
  }
  return all;
}
