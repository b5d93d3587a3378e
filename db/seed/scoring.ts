// The demo rounds of each demo tenant, on top of `demoRows` (db/seed/demo.ts):
// - "<year>年度<province>文明单位评选" in provincial review (省级, selection) with 36 applications from five cities
//   and one sector channel: two not recommended by their city, the others on a provincial panel of three whose
//   forms are submitted with a score for every base item; results kept as the Worker keeps them (computed with
//   the scoring domain: trimmed in 四川, calibrated in 湖北), one exact tie on the aggregate broken by the
//   on-site subtotal, one application vetoed by a reviewer's veto finding and one by a department's sign-off,
//   a harsh and a lenient reviewer, and two applications waiting for the provincial demo reviewer's form;
// - "<year + 1>年度<province>文明单位评选" open for applications, which the demo unit (unit@<slug>.demo) can join:
//   it holds a current 市级 title and a published program covering that year.
// Ids are deterministic (seeding twice changes nothing); times are relative to `now`.

import { beijingYear } from "../../worker/domain/record-rules.ts";
import { aggregateTotals, calibrate, type Observation, round2 } from "../../worker/domain/scoring/aggregate.ts";
import { assignPanels, type Seat } from "../../worker/domain/scoring/assignment.ts";
import { derivedConflict } from "../../worker/domain/scoring/conflicts.ts";
import { formTotals, type ItemScoreInput } from "../../worker/domain/scoring/form-totals.ts";
import type { CriteriaDocument, CriteriaItemShape } from "../../worker/schemas/criteria.ts";
import { RoundSettings } from "../../worker/schemas/rounds.ts";
import type * as schema from "../schema.ts";
import { type DemoTenantSlug, demoCriteria } from "./criteria.ts";
import { DEMO_DEPARTMENTS, type DemoRows, frozenCriteriaId } from "./demo.ts";
import { type DemoSurveyRows, demoSurvey, type SurveyPlan } from "./survey.ts";

type Insert<T extends { $inferInsert: unknown }> = T["$inferInsert"];

export interface DemoScoringRows extends DemoSurveyRows {
  awards: Insert<typeof schema.awards>[];
  programs: Insert<typeof schema.programs>[];
  programVersions: Insert<typeof schema.programVersions>[];
  programMeasures: Insert<typeof schema.programMeasures>[];
  rounds: Insert<typeof schema.rounds>[];
  roundTransitions: Insert<typeof schema.roundTransitions>[];
  applications: Insert<typeof schema.applications>[];
  applicationItems: Insert<typeof schema.applicationItems>[];
  assignments: Insert<typeof schema.assignments>[];
  scoreForms: Insert<typeof schema.scoreForms>[];
  scores: Insert<typeof schema.scores>[];
  applicationResults: Insert<typeof schema.applicationResults>[];
  reviewerOffsets: Insert<typeof schema.reviewerOffsets>[];
  signoffs: Insert<typeof schema.signoffs>[];
}

/** The ids a test (or a reader) needs to find the demo's promises. */
export const DEMO_ROUNDS = {
  review: (slug: string) => `${slug}-round-review`,
  open: (slug: string) => `${slug}-round-open`,
} as const;

/** The demo's scripted cases, by application id. */
export const demoApplicationId = (slug: string, n: number) => `${slug}-app-${String(n).padStart(2, "0")}`;

interface ReviewPlan {
  slug: DemoTenantSlug;
  /** Applicant cities (行政区划 code) and how many of their units apply through the city channel. */
  cities: ReadonlyArray<readonly [string, number]>;
  /** A sector channel (系统渠道) and the cities whose units of that sector use it. */
  sector: { code: string; cities: readonly string[]; count: number };
  aggregation: "trimmed" | "calibrated";
  /** Reviewers' systematic offsets as a share of each item's maximum (harsh < 0 < lenient). */
  bias: Record<string, number>;
  /** City decisions against recommending, by position in the application list, with the city's reason. */
  notRecommended: ReadonlyArray<readonly [number, string]>;
  /** The application vetoed by a reviewer's finding (a veto rule of the criteria) and the one by a department. */
  formVeto: { at: number; ruleId: string; reason: string };
  departmentVeto: { at: number; department: string; reason: string };
  /** Two applications whose panels give the same totals, so their aggregates tie; the second has less on-site. */
  tie: readonly [number, number];
  /** Applications on whose panel the provincial demo reviewer sits without a form yet. */
  pending: readonly number[];
  /** The questionnaire's cases (db/seed/survey.ts). */
  survey: SurveyPlan;
}

const PLANS: readonly ReviewPlan[] = [
  {
    slug: "sichuan",
    // 德阳, 达州, 成都, 绵阳, 乐山; schools of 南充 and 宜宾 through the education channel.
    cities: [
      ["510600", 10],
      ["511700", 9],
      ["510100", 7],
      ["510700", 5],
      ["511100", 3],
    ],
    sector: { code: "education", cities: ["511300", "511500"], count: 2 },
    aggregation: "trimmed",
    bias: {
      "reviewer1@sichuan.demo": 0.01,
      "reviewer2@sichuan.demo": -0.09,
      "reviewer3@sichuan.demo": -0.015,
      "reviewer4@sichuan.demo": 0.005,
      "reviewer5@sichuan.demo": 0.08,
      "reviewer6@sichuan.demo": -0.005,
      "reviewer7@sichuan.demo": 0.015,
    },
    notRecommended: [
      [3, "该单位创建工作台账不完整，年度志愿服务时长未达到申报条件，本年度暂不推荐。"],
      [14, "推荐名额有限，经市文明委审议，该单位综合得分排名靠后，本年度暂不推荐。"],
    ],
    formVeto: {
      at: 8,
      ruleId: "V8",
      reason: "经“信用中国”网站查询，该单位被列入失信联合惩戒对象名单，至今未移出。",
    },
    departmentVeto: {
      at: 22,
      department: "安全生产",
      reason: "该单位今年发生一起造成人员重伤的生产安全责任事故，经调查认定负有主要责任。",
    },
    tie: [5, 17],
    pending: [26, 27],
    survey: { belowMinimum: "reviewer", edge: 10, short: [2, 19, 31], burst: 1 },
  },
  {
    slug: "hubei",
    // 黄石, 武汉, 宜昌, 襄阳, 荆州; health bodies of 黄冈 through the health channel.
    cities: [
      ["420200", 12],
      ["420100", 7],
      ["420500", 7],
      ["420600", 4],
      ["421000", 4],
    ],
    sector: { code: "health", cities: ["421100"], count: 2 },
    aggregation: "calibrated",
    bias: {
      "reviewer1@hubei.demo": 0.005,
      "reviewer2@hubei.demo": -0.085,
      "reviewer3@hubei.demo": 0.01,
      "reviewer4@hubei.demo": -0.01,
      "reviewer5@hubei.demo": 0.075,
      "reviewer6@hubei.demo": 0.0,
      "reviewer7@hubei.demo": -0.02,
    },
    notRecommended: [
      [4, "该单位申报材料中部分活动照片无法辨识单位名称，佐证材料不足，本年度暂不推荐。"],
      [15, "推荐名额有限，经市文明委审议，该单位排名靠后，本年度暂不推荐。"],
    ],
    formVeto: {
      at: 9,
      ruleId: "V3",
      reason: "实地考察了解到该单位下属项目部今年发生重大安全生产责任事故，已被应急管理部门通报。",
    },
    departmentVeto: {
      at: 24,
      department: "纪检监察",
      reason: "该单位主要负责人今年因严重违纪受到党纪处分，符合一票否决情形。",
    },
    tie: [6, 20],
    pending: [28, 29],
    survey: { belowMinimum: "zero", edge: 10, short: [2, 18, 33], burst: 1 },
  },
];

/** Deterministic pseudo-random numbers (mulberry32), seeded from a string. */
export function rng(key: string) {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  let s = h >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const day = (ms: number) => iso(ms).slice(0, 10);
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
/** To the nearest half point (the form's step), within the item's maximum. */
const halfPoints = (x: number, max: number) => clamp(Math.round(x * 2) / 2, 0, max);
const gradeFor = (f: number) => (f >= 0.85 ? "A" : f >= 0.55 ? "B" : f >= 0.25 ? "C" : "D");

/** Comments a reviewer leaves on items where the unit fell short (written for the demo). */
const SHORTFALL_COMMENTS: Partial<Record<CriteriaItemShape["method"], readonly string[]>> = {
  material: [
    "佐证材料只有通知，缺少活动记录和照片。",
    "年度方案未见文号，责任部门不明确。",
    "会议纪要仅一次，未达到每年两次的要求。",
  ],
  onsite: ["现场宣传栏内容陈旧，未及时更新。", "实地查看时部分区域卫生不达标。", "照片无法辨识单位名称。"],
  online: ["网上公开信息更新不及时。", "志愿者注册比例低于要求。"],
};

/** What units write beside their self-assessment (说明) on a few items (written for the demo). */
const SELF_NOTES = [
  "已成立创建工作领导小组，主要负责人任组长，办公室设在办公室（党建办）。",
  "全年开展道德讲堂活动5次，参与干部职工300余人次。",
  "志愿服务队注册志愿者占在职职工的32%，人均服务时长24小时。",
  "结合业务特点打造“一站式”便民服务品牌，获市级表彰。",
  "办公区域实行网格化管理，垃圾分类全覆盖。",
];

/** The demo unit's published creation program (创建工作方案) covering `startYear`–`endYear`. */
function programOf(slug: string, startYear: number, endYear: number, unitName: string) {
  const measure = (
    id: string,
    title: string,
    departments: string[],
    dueMonth: number,
    progress: number,
    criterionCode: string,
  ) => ({
    id,
    title,
    text: "",
    departments,
    lead: null,
    dueDate: `${startYear}-${String(dueMonth).padStart(2, "0")}-28`,
    progress,
    status: progress >= 100 ? "done" : progress > 0 ? "in_progress" : "not_started",
    criterionCode,
  });
  return {
    title: `${unitName}${startYear}—${endYear}年创建省级文明单位工作方案`,
    startYear,
    endYear,
    targetLevel: "province" as const,
    sections: [
      {
        id: `${slug}-ps-1`,
        kind: "guiding" as const,
        heading: "一、指导思想",
        text: "以社会主义核心价值观为引领，把文明创建与业务工作同部署、同推进、同考核，巩固市级文明单位创建成果，争创省级文明单位。",
        items: [],
      },
      {
        id: `${slug}-ps-2`,
        kind: "measures" as const,
        heading: "二、重点工作",
        text: "",
        items: [
          measure(`${slug}-pm-1`, "健全创建工作领导小组，制定年度工作方案", ["办公室"], 3, 100, "A1.2"),
          measure(`${slug}-pm-2`, "每季度举办一次道德讲堂", ["党建办", "工会"], 12, 75, "A2.3"),
          measure(`${slug}-pm-3`, "志愿服务队常态化开展科普志愿服务", ["团委", "业务科"], 11, 60, "A3.3"),
          measure(`${slug}-pm-4`, "办公区域环境整治和垃圾分类", ["后勤"], 6, 100, "A10.2"),
        ],
      },
      {
        id: `${slug}-ps-3`,
        kind: "safeguards" as const,
        heading: "三、保障措施",
        text: "成立以主要负责人为组长的创建工作领导小组，创建经费列入年度预算，办公室负责日常协调和台账管理。",
        items: [],
      },
    ],
  };
}

function tenantScoring(plan: ReviewPlan, base: DemoRows, now: Date): DemoScoringRows {
  const tenant = base.tenants.find((t) => t.slug === plan.slug);
  if (!tenant) throw new Error(`demo tenant ${plan.slug} missing`);
  const tenantId = tenant.id;
  const slug = plan.slug;
  const doc: CriteriaDocument = demoCriteria(slug);
  const places = new Map(base.jurisdictions.filter((j) => j.tenantId === tenantId).map((j) => [j.code, j]));
  const placeById = new Map([...places.values()].map((j) => [j.id, j]));
  const province = [...places.values()].find((j) => j.level === "province");
  if (!province) throw new Error(`no province in ${slug}`);
  const cityIdOf = (code: string) => places.get(code)?.id ?? "";
  const provinceName = province.name;
  const units = base.units.filter((u) => u.tenantId === tenantId);
  const unitById = new Map(units.map((u) => [u.id, u]));
  const memberships = base.memberships.filter((m) => m.tenantId === tenantId);
  const userOf = (role: string, filter: (m: (typeof memberships)[number]) => boolean = () => true) =>
    memberships.filter((m) => m.role === role && filter(m)).map((m) => m.userId);
  const adminId = userOf("tenant_admin")[0] ?? "";
  const staff = memberships.find((m) => m.role === "unit_staff");
  const staffUnit = unitById.get(staff?.unitId ?? "");
  if (!staffUnit) throw new Error(`no demo unit staff in ${slug}`);
  const emailOf = new Map(base.users.map((u) => [u.id, u.email ?? ""]));
  const nowMs = now.getTime();
  const year = beijingYear(now);

  // ─── The phases of the round under review ───────────────────────────────────────────────────────
  const openedAt = nowMs - 110 * DAY;
  const cityReviewAt = nowMs - 70 * DAY;
  const provinceReviewAt = nowMs - 25 * DAY;

  // ─── Applicants: active generated units (not the named ones), current 市级 title given where missing ──
  const heldCurrent = new Map(
    base.awards
      .filter((a) => a.tenantId === tenantId && a.level === "city" && a.id.endsWith("-award-city-0"))
      .map((a) => [a.unitId, a.status ?? "active"]),
  );
  const candidate = (u: (typeof units)[number]) =>
    u.status === "active" && /-u-\d+$/.test(u.id) && heldCurrent.get(u.id) !== "revoked";
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  type Unit = (typeof units)[number];
  const applicants: { unit: Unit; channel: "city" | "sector" }[] = [];
  for (const [code, count] of plan.cities) {
    const cityId = cityIdOf(code);
    for (const unit of units
      .filter((u) => u.cityId === cityId && candidate(u))
      .sort(byId)
      .slice(0, count))
      applicants.push({ unit, channel: "city" });
  }
  const sectorId = `${slug}-sector-${plan.sector.code}`;
  const sectorCities = new Set(plan.sector.cities.map(cityIdOf));
  for (const unit of units
    .filter((u) => sectorCities.has(u.cityId ?? "") && u.sectorId === sectorId && candidate(u))
    .sort(byId)
    .slice(0, plan.sector.count))
    applicants.push({ unit, channel: "sector" });

  const awards: Insert<typeof schema.awards>[] = [];
  const termStart = year - 1;
  for (const { unit } of applicants) {
    if (heldCurrent.has(unit.id)) continue;
    const city = placeById.get(unit.cityId ?? "")?.name ?? provinceName;
    awards.push({
      id: `${unit.id}-award-city-0`,
      tenantId,
      unitId: unit.id,
      level: "city",
      termStartYear: termStart,
      termEndYear: termStart + 2,
      namedOn: `${termStart - 1}-12-28`,
      validUntil: `${termStart + 2}-12-31`,
      status: "active",
      documentRef: `${city}文明委〔${termStart - 1}〕5号`,
      createdBy: adminId,
    });
  }

  // ─── Applications and the city's decisions ──────────────────────────────────────────────────────
  const reviewRound = DEMO_ROUNDS.review(slug);
  const notRecommended = new Map(plan.notRecommended);
  const applications: Insert<typeof schema.applications>[] = applicants.map(({ unit, channel }, i) => {
    const submittedAt = iso(openedAt + (2 + i * 0.9) * DAY + (i % 5) * 3_600_000);
    const reason = notRecommended.get(i);
    return {
      id: demoApplicationId(slug, i),
      tenantId,
      roundId: reviewRound,
      unitId: unit.id,
      jurisdictionPath: unit.jurisdictionPath,
      channel,
      channelSectorId: channel === "sector" ? sectorId : null,
      status: reason ? "city_not_recommended" : "city_recommended",
      decisionReason: reason ?? null,
      submittedAt,
      version: 3,
      createdAt: iso(openedAt + (1 + i * 0.9) * DAY),
      updatedAt: iso(cityReviewAt + (5 + (i % 20)) * DAY),
    };
  });
  const applicationItems: Insert<typeof schema.applicationItems>[] = [];
  const baseItems = doc.categories.flatMap((c) => c.items);
  applications.forEach((app, i) => {
    const random = rng(`${app.id}:self`);
    const quality = 0.75 + random() * 0.2;
    baseItems.forEach((item, k) => {
      const f = quality + (random() - 0.3) * 0.2;
      applicationItems.push({
        id: `${app.id}-i-${item.code}`,
        tenantId,
        applicationId: app.id,
        itemCode: item.code,
        selfPoints: item.mode === "graded" ? null : halfPoints(item.maxPoints * f, item.maxPoints),
        selfGrade: item.mode === "graded" ? gradeFor(f) : null,
        note: k % 13 === i % 13 ? (SELF_NOTES[(i + k) % SELF_NOTES.length] ?? "") : "",
        updatedAt: app.submittedAt ?? iso(openedAt),
      });
    });
  });

  // ─── Provincial panels: auto-assigned around the conflicts, as the Worker's auto-assignment would ──
  const provincial = memberships.filter(
    (m) => m.role === "reviewer" && m.jurisdictionId === province.id && m.affiliationUnitId,
  );
  const experts = provincial.map((m) => {
    const unit = unitById.get(m.affiliationUnitId ?? "");
    return {
      id: m.userId,
      unitId: unit?.id ?? null,
      parentBody: unit?.parentBody ?? null,
      cityId: unit?.cityId ?? null,
    };
  });
  const demoProvince = userOf("reviewer", (m) => m.jurisdictionId === province.id && !m.affiliationUnitId)[0] ?? "";
  const recommended = applications.filter((a) => a.status === "city_recommended");
  const options = { avoidSameParentBody: true, avoidOwnCityAtProvince: true };
  const eligible = (applicationId: string, reviewerId: string) => {
    const app = applications.find((a) => a.id === applicationId);
    const unit = unitById.get(app?.unitId ?? "");
    const reviewer = experts.find((e) => e.id === reviewerId);
    if (!unit || !reviewer) return false;
    const target = { id: unit.id, parentBody: unit.parentBody ?? null, cityId: unit.cityId ?? null };
    return derivedConflict(reviewer, target, "province", options) === null;
  };
  const tieB = demoApplicationId(slug, plan.tie[1]);
  const pending = new Set(plan.pending.map((n) => demoApplicationId(slug, n)));
  const existing: Seat[] = [...pending].map((applicationId) => ({ applicationId, reviewerId: demoProvince }));
  const { seats: assigned, short } = assignPanels({
    applications: recommended.filter((a) => a.id !== tieB),
    reviewers: experts,
    panelSize: 3,
    existing,
    eligible,
  });
  if (short.length) throw new Error(`demo panels short in ${slug}: ${JSON.stringify(short)}`);
  // The tie's second application gets the panel of the first (from plan.tie[0] on) that it may have, so equal
  // totals give equal aggregates in any mode.
  const special = new Set([
    tieB,
    ...pending,
    demoApplicationId(slug, plan.formVeto.at),
    demoApplicationId(slug, plan.departmentVeto.at),
  ]);
  const panelOf = (id: string) => assigned.filter((s) => s.applicationId === id).map((s) => s.reviewerId);
  const tieA = [...recommended.slice(plan.tie[0]), ...recommended]
    .map((a) => a.id)
    .find((id) => !special.has(id) && panelOf(id).every((r) => eligible(tieB, r)));
  if (!tieA) throw new Error(`demo tie: no panel fits ${tieB} in ${slug}`);
  const tieSeats = panelOf(tieA).map((reviewerId) => ({ applicationId: tieB, reviewerId }));
  const seats = [...existing, ...assigned, ...tieSeats];
  const assignments: Insert<typeof schema.assignments>[] = seats.map((s) => ({
    id: `${s.applicationId}-as-p-${(emailOf.get(s.reviewerId) ?? s.reviewerId).split("@")[0]}`,
    tenantId,
    roundId: reviewRound,
    applicationId: s.applicationId,
    stage: "province",
    reviewerUserId: s.reviewerId,
    status: "active",
    createdBy: adminId,
    createdAt: iso(provinceReviewAt + 3_600_000),
    updatedAt: iso(provinceReviewAt + 3_600_000),
  }));

  // ─── The questionnaire and its answers; the tie's second application answered like the first ─────
  const quality = new Map(applications.map((a) => [a.id, 0.6 + rng(`${a.id}:quality`)() * 0.33]));
  const survey = demoSurvey({
    tenantId,
    slug,
    roundId: reviewRound,
    doc,
    applicationIds: applications.map((a) => a.id),
    quality: (id) => quality.get(id) ?? 0.8,
    twins: new Map([[tieB, tieA]]),
    plan: plan.survey,
    now,
  });

  // ─── The forms: every base item not scored by the survey; bonus and deduction items where earned ──
  const formVetoApp = demoApplicationId(slug, plan.formVeto.at);
  const scoreForms: Insert<typeof schema.scoreForms>[] = [];
  const scores: Insert<typeof schema.scores>[] = [];
  const formScores = new Map<string, ItemScoreInput[]>();
  const scoreRows = (applicationId: string, reviewerId: string): Array<ItemScoreInput & { comment: string }> => {
    const email = emailOf.get(reviewerId) ?? "";
    const random = rng(`${applicationId}:${email}`);
    const facts = rng(`${applicationId}:facts`);
    const q = (quality.get(applicationId) ?? 0.8) + (plan.bias[email] ?? 0);
    const rows: Array<ItemScoreInput & { comment: string }> = [];
    for (const item of baseItems) {
      const f = q + (random() - 0.5) * 0.24;
      if (survey.items.has(item.code)) continue;
      const comments = SHORTFALL_COMMENTS[item.method] ?? [];
      const comment = f < 0.5 && random() < 0.5 ? (comments[Math.floor(random() * comments.length)] ?? "") : "";
      if (item.mode === "graded") rows.push({ itemCode: item.code, points: null, grade: gradeFor(f), comment });
      else
        rows.push({
          itemCode: item.code,
          points: halfPoints(item.maxPoints * f, item.maxPoints),
          grade: null,
          comment,
        });
    }
    // Facts of the application every panel member sees alike (the draws do not depend on the reviewer).
    const provincialHonour = facts() < 0.35;
    const modelWorker = facts() < 0.15;
    const inspection = facts() < 0.25;
    const opinion = facts() < 0.1;
    const [b2, b3] = [doc.bonusItems[1], doc.bonusItems[2]];
    const [c1, c2] = [doc.deductionItems[0], doc.deductionItems[1]];
    if (provincialHonour && b2 && random() < 0.85)
      rows.push({ itemCode: b2.code, points: b2.maxPoints, grade: null, comment: "" });
    if (modelWorker && b3)
      rows.push({ itemCode: b3.code, points: null, grade: "省级", comment: "职工入选省级道德模范。" });
    if (inspection && c1)
      rows.push({ itemCode: c1.code, points: 2, grade: null, comment: "明察暗访发现窗口工作人员服务态度生硬。" });
    if (opinion && c2 && random() < 0.7)
      rows.push({ itemCode: c2.code, points: 1.5, grade: null, comment: "发生一起负面网络舆情，经查属实。" });
    return rows;
  };
  /** The tie's second copy: half a point moves from an on-site item to a material one, the total unchanged. */
  const shifted = (rows: Array<ItemScoreInput & { comment: string }>) => {
    const copy = rows.map((r) => ({ ...r }));
    const method = (code: string) => baseItems.find((i) => i.code === code);
    const from = copy.find((r) => method(r.itemCode)?.method === "onsite" && r.points !== null && r.points >= 0.5);
    const to = copy.find(
      (r) =>
        method(r.itemCode)?.method === "material" &&
        r.points !== null &&
        r.points <= (method(r.itemCode)?.maxPoints ?? 0) - 0.5,
    );
    if (!from || !to || from.points === null || to.points === null) throw new Error("demo tie: nothing to shift");
    from.points -= 0.5;
    to.points += 0.5;
    return copy;
  };
  const submittedForms: Observation[] = [];
  const formFacts = new Map<
    string,
    {
      applicationId: string;
      total: number;
      deduction: number;
      methods: Record<string, number>;
      first: number;
      veto: boolean;
    }
  >();
  const firstCategory = doc.categories[0]?.code ?? "";
  for (const [n, seat] of seats.entries()) {
    if (seat.reviewerId === demoProvince) continue; // waiting for the demo reviewer
    const email = emailOf.get(seat.reviewerId) ?? "";
    const id = `${seat.applicationId}-f-p-${email.split("@")[0]}`;
    const rows =
      seat.applicationId === tieB
        ? shifted(scoreRows(tieA, seat.reviewerId))
        : scoreRows(seat.applicationId, seat.reviewerId);
    const totals = formTotals(doc, rows);
    const vetoFindings =
      seat.applicationId === formVetoApp &&
      seat.reviewerId === seats.find((s) => s.applicationId === formVetoApp)?.reviewerId
        ? [{ ruleId: plan.formVeto.ruleId, reason: plan.formVeto.reason }]
        : [];
    const submittedAt = iso(provinceReviewAt + (1 + ((n * 7) % 19)) * DAY + (n % 9) * 3_600_000);
    scoreForms.push({
      id,
      tenantId,
      roundId: reviewRound,
      applicationId: seat.applicationId,
      stage: "province",
      reviewerUserId: seat.reviewerId,
      status: "submitted",
      version: 3,
      base: totals.base,
      bonus: totals.bonus,
      deduction: totals.deduction,
      total: totals.total,
      subtotals: JSON.stringify({ methods: totals.methods, categories: totals.categories }),
      vetoFindings: JSON.stringify(vetoFindings),
      submittedAt,
      updatedAt: submittedAt,
    });
    formScores.set(id, rows);
    for (const r of rows)
      scores.push({
        formId: id,
        tenantId,
        applicationId: seat.applicationId,
        itemCode: r.itemCode,
        points: r.points,
        grade: r.grade,
        comment: r.comment,
      });
    submittedForms.push({ reviewerId: seat.reviewerId, applicationId: seat.applicationId, total: totals.total });
    formFacts.set(id, {
      applicationId: seat.applicationId,
      total: totals.total,
      deduction: totals.deduction,
      methods: totals.methods,
      first: totals.categories[firstCategory] ?? 0,
      veto: vetoFindings.length > 0,
    });
  }

  // ─── Department sign-offs: mostly clear; one veto; the last few still lack 生态环境 ─────────────────
  const departmentUser = new Map(
    memberships.filter((m) => m.role === "department").map((m) => [m.department, m.userId]),
  );
  const departmentVetoApp = demoApplicationId(slug, plan.departmentVeto.at);
  const signoffs: Insert<typeof schema.signoffs>[] = [];
  recommended.forEach((app, i) => {
    for (const [local, department] of DEMO_DEPARTMENTS) {
      if (department === "生态环境" && i >= recommended.length - 3) continue;
      const veto = app.id === departmentVetoApp && department === plan.departmentVeto.department;
      const at = iso(provinceReviewAt + (2 + ((i * 3 + local.length) % 18)) * DAY);
      signoffs.push({
        id: `${app.id}-so-${local}`,
        tenantId,
        roundId: reviewRound,
        applicationId: app.id,
        department,
        userId: departmentUser.get(department) ?? "",
        verdict: veto ? "veto" : "clear",
        reason: veto ? plan.departmentVeto.reason : null,
        createdAt: at,
        updatedAt: at,
      });
    }
  });

  // ─── Results, as kept on write: the submitted panel's totals aggregated by the round's mode ─────────
  const fittedAt = iso(nowMs - DAY);
  const calibration = plan.aggregation === "calibrated" ? calibrate(submittedForms) : null;
  const reviewerOffsets: Insert<typeof schema.reviewerOffsets>[] = [];
  for (const [reviewerId, o] of calibration?.offsets ?? []) {
    reviewerOffsets.push({
      tenantId,
      roundId: reviewRound,
      stage: "province",
      reviewerUserId: reviewerId,
      offset: o.offset,
      applications: o.applications,
      flagged: o.flagged,
      fittedAt,
    });
  }
  const offsetOf = (reviewerId: string) => calibration?.offsets.get(reviewerId)?.offset ?? 0;
  const vetoedBySignoff = new Set(signoffs.filter((s) => s.verdict === "veto").map((s) => s.applicationId));
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const applicationResults: Insert<typeof schema.applicationResults>[] = recommended.map((app) => {
    const forms = scoreForms.filter((f) => f.applicationId === app.id);
    const facts = forms.map((f) => formFacts.get(f.id) as NonNullable<ReturnType<typeof formFacts.get>>);
    const totals = facts.map((f) => f.total).sort((a, b) => a - b);
    const base =
      plan.aggregation === "calibrated"
        ? mean(forms.map((f) => (f.total ?? 0) - offsetOf(f.reviewerUserId)))
        : aggregateTotals(plan.aggregation, totals);
    // Points no reviewer gives: the survey's (source_points), added to the panel's aggregate.
    const extraPoints = survey.extraPoints.get(app.id) ?? 0;
    const updated =
      forms
        .map((f) => f.updatedAt)
        .sort()
        .at(-1) ?? iso(provinceReviewAt);
    return {
      applicationId: app.id,
      stage: "province",
      tenantId,
      roundId: reviewRound,
      reviewerTotals: JSON.stringify(totals),
      reviewers: totals.length,
      aggregate: base === null ? null : round2(base + extraPoints),
      extraPoints,
      onsite: round2(mean(facts.map((f) => f.methods.onsite ?? 0))),
      material: round2(mean(facts.map((f) => f.methods.material ?? 0))),
      survey: round2(mean(facts.map((f) => f.methods.survey ?? 0))),
      online: round2(mean(facts.map((f) => f.methods.online ?? 0))),
      firstCategory: round2(mean(facts.map((f) => f.first))),
      deduction: round2(mean(facts.map((f) => f.deduction))),
      vetoed: facts.some((f) => f.veto) || vetoedBySignoff.has(app.id),
      updatedAt: calibration ? fittedAt : updated,
    };
  });

  // ─── The rounds ─────────────────────────────────────────────────────────────────────────────────
  const recommendedIn = (cityId: string) =>
    recommended.filter((a) => a.channel === "city" && unitById.get(a.unitId)?.cityId === cityId).length;
  const signoffDepartments = DEMO_DEPARTMENTS.map(([, d]) => d);
  const settings = (dates: Record<string, string | null>, aggregation: ReviewPlan["aggregation"]) =>
    RoundSettings.parse({
      dates,
      eligibility: { requiresTitle: "city", orConsecutiveTerms: null, minScoreForOnsite: 70, minScoreToName: 80 },
      quotas: {
        // The first city's quota is full; the others have a place left.
        perCity: plan.cities.map(([code], i) => ({
          cityId: cityIdOf(code),
          quota: recommendedIn(cityIdOf(code)) + (i === 0 ? 0 : 1),
        })),
        perSector: [{ sectorId, quota: plan.sector.count + 1 }],
      },
      sectorChannels: [sectorId],
      tieBreak: ["onsite", "first_category", "fewer_deductions"],
      review: {
        panelSize: 3,
        aggregation,
        avoidSameParentBody: true,
        avoidOwnCityAtProvince: true,
        outlierThreshold: 8,
        signoffDepartments,
      },
    });
  const openRound = DEMO_ROUNDS.open(slug);
  const rounds: Insert<typeof schema.rounds>[] = [
    {
      id: reviewRound,
      tenantId,
      title: `${year}年度${provinceName}文明单位评选`,
      level: "province",
      kind: "selection",
      year,
      criteriaSystemId: frozenCriteriaId(slug),
      phase: "province_review",
      settings: JSON.stringify(
        settings(
          {
            applicationsOpen: day(openedAt),
            applicationsClose: day(cityReviewAt - DAY),
            cityReviewClose: day(provinceReviewAt - DAY),
            provinceReviewClose: day(nowMs + 12 * DAY),
          },
          plan.aggregation,
        ),
      ),
      version: 4,
      createdAt: iso(openedAt - 10 * DAY),
    },
    {
      id: openRound,
      tenantId,
      title: `${year + 1}年度${provinceName}文明单位评选`,
      level: "province",
      kind: "selection",
      year: year + 1,
      criteriaSystemId: frozenCriteriaId(slug),
      phase: "applications_open",
      settings: JSON.stringify(
        settings(
          { applicationsOpen: day(nowMs - 14 * DAY), applicationsClose: day(nowMs + 45 * DAY) },
          plan.aggregation,
        ),
      ),
      version: 2,
      createdAt: iso(nowMs - 20 * DAY),
    },
  ];
  const transition = (roundId: string, n: number, fromPhase: string, toPhase: string, at: number) => ({
    id: `${roundId}-t-${n}`,
    tenantId,
    roundId,
    fromPhase,
    toPhase,
    actorUserId: adminId,
    reason: null,
    at: iso(at),
  });
  const roundTransitions = [
    transition(reviewRound, 1, "draft", "applications_open", openedAt),
    transition(reviewRound, 2, "applications_open", "city_review", cityReviewAt),
    transition(reviewRound, 3, "city_review", "province_review", provinceReviewAt),
    transition(openRound, 1, "draft", "applications_open", nowMs - 14 * DAY),
  ];

  // ─── The demo unit's published program, which applying in the open round needs ──────────────────
  const programId = `${slug}-program-demo`;
  const content = programOf(slug, year, year + 1, staffUnit.name);
  const publishedAt = iso(nowMs - 60 * DAY);
  const measures = content.sections.flatMap((s) => s.items);
  return {
    awards,
    programs: [
      {
        id: programId,
        tenantId,
        unitId: staffUnit.id,
        title: content.title,
        startYear: content.startYear,
        endYear: content.endYear,
        targetLevel: content.targetLevel,
        status: "published",
        draft: JSON.stringify(content),
        publishedVersion: 1,
        version: 2,
        createdAt: iso(nowMs - 70 * DAY),
        updatedAt: publishedAt,
      },
    ],
    programVersions: [
      {
        id: `${programId}-v1`,
        tenantId,
        programId,
        number: 1,
        content: JSON.stringify(content),
        publishedBy: staff?.userId ?? adminId,
        publishedAt,
      },
    ],
    programMeasures: measures.map((m, position) => ({
      id: `${programId}-${m.id}`,
      tenantId,
      unitId: staffUnit.id,
      programId,
      measureKey: m.id,
      position,
      title: m.title,
      departments: JSON.stringify(m.departments),
      lead: m.lead,
      dueDate: m.dueDate,
      progress: m.progress,
      status: m.status as "done" | "in_progress" | "not_started",
    })),
    rounds,
    roundTransitions,
    applications,
    applicationItems,
    assignments,
    scoreForms,
    scores,
    applicationResults,
    reviewerOffsets,
    signoffs,
    surveys: survey.surveys,
    surveyResponses: survey.surveyResponses,
    surveyAnswers: survey.surveyAnswers,
    sourcePoints: survey.sourcePoints,
  };
}

/** The demo rounds of both demo tenants, for `applyDemoScoring`; `base` is what `demoRows` gave. */
export function demoScoringRows(base: DemoRows, now: Date = new Date()): DemoScoringRows {
  const all: DemoScoringRows = {
    awards: [],
    programs: [],
    programVersions: [],
    programMeasures: [],
    rounds: [],
    roundTransitions: [],
    applications: [],
    applicationItems: [],
    assignments: [],
    scoreForms: [],
    scores: [],
    applicationResults: [],
    reviewerOffsets: [],
    signoffs: [],
    surveys: [],
    surveyResponses: [],
    surveyAnswers: [],
    sourcePoints: [],
  };
  for (const plan of PLANS) {
    const rows = tenantScoring(plan, base, now);
    for (const key of Object.keys(all) as Array<keyof DemoScoringRows>) (all[key] as unknown[]).push(...rows[key]);
  }
  return all;
}
