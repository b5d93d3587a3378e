// The demo units' reports (汇报材料) on their applications in the demo scoring round, so reviewers see reports
// beside the scores and the paragraphs each unit linked to criteria items. Written for the demo (the usual
// outline: 基本情况, 创建机制, 主要做法, 创建成效, 存在问题, 下一步打算), varied per unit by template and counts.
// Deterministic: seeding twice changes nothing.

import type { z } from "zod";
import { savedReportLength } from "../../worker/domain/saved-report.ts";
import type { ReportContent, ReportFigure } from "../../worker/schemas/reports.ts";
import type * as schema from "../schema.ts";
import { type DemoTenantSlug, demoCriteria } from "./criteria.ts";
import { DEMO_ROUNDS, type DemoScoringRows, rng } from "./scoring.ts";

type Insert<T extends { $inferInsert: unknown }> = T["$inferInsert"];
type Content = z.output<typeof ReportContent>;
type Figure = z.output<typeof ReportFigure>;

export interface DemoReportRows {
  applicationReports: Insert<typeof schema.applicationReports>[];
  reportLinks: Insert<typeof schema.reportLinks>[];
}

/** The counts a report states, drawn per application. */
interface Counts {
  staff: number;
  members: number;
  offices: number;
  rules: number;
  tasks: number;
  funds: number;
  study: number;
  lectures: number;
  teams: number;
  volunteers: number;
  hours: number;
  books: number;
  events: number;
  praised: number;
  partners: number;
  aid: number;
  posts: number;
}

function countsFor(applicationId: string): Counts {
  const random = rng(`${applicationId}:report`);
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const staff = between(60, 260);
  return {
    staff,
    members: Math.round(staff * (0.4 + random() * 0.3)),
    offices: between(6, 14),
    rules: between(8, 16),
    tasks: between(30, 60),
    funds: between(12, 40),
    study: between(12, 24),
    lectures: between(4, 10),
    teams: between(2, 6),
    volunteers: Math.round(staff * (0.5 + random() * 0.4)),
    hours: between(1800, 5200),
    books: between(3000, 9000),
    events: between(10, 30),
    praised: between(3, 12),
    partners: between(1, 4),
    aid: between(8, 50),
    posts: between(60, 240),
  };
}

/** The opening paragraph, three ways. */
const OPENINGS: ReadonlyArray<(n: Counts) => string> = [
  (n) =>
    `我单位现有在编干部职工${n.staff}人，内设${n.offices}个科室，其中党员${n.members}人。近年来，单位党组始终把文明单位创建作为推动中心工作的重要抓手，坚持创建工作与业务工作同部署、同检查、同考核，干部职工参与创建的主动性明显增强，单位的服务质量和社会形象不断提升，创建工作基础较为扎实。`,
  (n) =>
    `单位现有干部职工${n.staff}人，设${n.offices}个职能科室，党员${n.members}人。自上一轮创建以来，我们坚持“以创建促发展、以发展带创建”的思路，把精神文明建设融入业务工作全过程，对照测评体系逐条梳理、逐项落实，形成了领导重视、科室协同、全员参与的创建格局。`,
  (n) =>
    `我单位承担着面向群众的管理和服务职能，现有干部职工${n.staff}人，党员${n.members}人，设${n.offices}个科室。单位领导班子把创建文明单位作为一把手工程，年初有计划、年中有督查、年底有考评，在全体干部职工中营造了人人关心创建、人人参与创建的浓厚氛围。`,
];

/** Said after either account of the results. */
const RESULTS_CLOSE = (n: Counts) =>
  `单位全年开展各类主题活动${n.events}场次，干部职工参与率达到百分之九十以上，形成了一批在系统内有影响的创建品牌，为全面完成年度目标任务提供了有力的思想保证和精神动力。`;

const RESULTS: ReadonlyArray<(n: Counts) => string> = [
  (n) =>
    `通过持续创建，单位精神面貌焕然一新，干部职工的文明素养和服务意识普遍提高。两年来，单位业务工作在系统考核中位居前列，${n.praised}名干部职工受到上级表彰，群众满意度逐年上升，单位的凝聚力和向心力进一步增强。`,
  (n) =>
    `创建工作有力促进了业务工作。各项年度目标任务全面完成，服务群众的事项办理时限平均缩短三分之一，${n.praised}人次获得市级以上表彰，没有发生一起有效投诉，“文明窗口”“服务标兵”等品牌在群众中形成了良好口碑。`,
];

const PROBLEMS: ReadonlyArray<string> = [
  "对照测评体系，我们的创建工作还存在一些不足：一是创建的长效机制还需完善，个别科室存在重业务、轻创建的现象；二是志愿服务活动的常态化、专业化水平还不够高，项目品牌不够鲜明；三是创建工作的宣传总结还不够及时，台账资料的分类整理有待加强。",
  "工作中也还存在一些问题：部分青年职工对创建工作的参与度不高，活动形式还不够丰富；与社区的结对共建内容较为单一，辐射带动作用发挥不够；网络文明建设和新媒体宣传阵地的运用还有提升空间。",
];

const PLANS: ReadonlyArray<string> = [
  "下一步，我们将以此次测评为契机，对照标准查漏补缺：一是健全创建工作长效机制，把创建任务纳入科室年度考核；二是打造志愿服务特色品牌，推动志愿服务常态化；三是加强创建工作的宣传和总结，及时规范整理台账资料，巩固和扩大创建成果。",
  "今后，我们将继续坚持高标准、严要求，重点抓好三个方面：一是深化理论武装和道德教育，持续办好道德讲堂；二是丰富文化活动载体，增强干部职工的参与感和获得感；三是深化结对共建，积极参与文明城市创建，推动创建工作再上新台阶。",
];

/** Criteria items a paragraph speaks to, found by words of their titles (codes differ between tenants). */
const LINK_WORDS: ReadonlyArray<readonly [paragraphId: string, titleWords: string]> = [
  ["s2-1", "领导小组"],
  ["s2-2", "台账"],
  ["s3-1", "道德讲堂"],
  ["s3-1", "理论学习中心组"],
  ["s3-2", "志愿服务队"],
  ["s3-3", "诚信管理制度"],
  ["s3-4", "职工书屋"],
  ["s3-6", "结对帮扶"],
];

function contentFor(n: Counts, variant: number): Content {
  const pick = <T>(list: readonly T[]) => list[variant % list.length] as T;
  return {
    title: "创建文明单位工作情况汇报",
    sections: [
      { id: "s1", heading: "一、基本情况", text: pick(OPENINGS)(n), items: [] },
      {
        id: "s2",
        heading: "二、创建机制",
        text: "我们把创建工作作为一项系统工程，从组织领导、制度建设、经费保障等方面建立健全长效机制，确保创建工作有人抓、有人管、有成效。",
        items: [
          {
            id: "s2-1",
            title: "（一）健全组织领导",
            text: `成立了由主要负责人任组长、班子成员任副组长、各科室负责人为成员的创建工作领导小组，领导小组下设办公室，明确专人负责日常工作。党组每年两次专题研究创建工作，主要负责人亲自部署、亲自督促，形成了一级抓一级、层层抓落实的工作机制。`,
          },
          {
            id: "s2-2",
            title: "（二）完善制度保障",
            text: `制定了创建工作方案和考核办法等制度${n.rules}项，将创建任务分解为${n.tasks}项具体措施，逐项明确责任科室和完成时限。创建经费${n.funds}万元列入年度预算，建立了分类规范的创建工作台账，做到活动有记录、过程有资料、成效有总结。`,
          },
        ],
      },
      {
        id: "s3",
        heading: "三、主要做法",
        text: "对照测评体系，我们把创建任务细化到思想道德、志愿服务、诚信建设、学习型单位、单位文化、结对共建和网络文明等方面，逐项抓好落实。",
        items: [
          {
            id: "s3-1",
            title: "（一）加强思想道德建设",
            text: `坚持理论学习中心组学习制度，全年组织集体学习${n.study}次，班子成员带头讲党课、作辅导。建设道德讲堂，举办道德讲堂活动${n.lectures}期，邀请身边好人讲述身边事，广泛开展社会主义核心价值观宣传教育，在办公场所和单位网站醒目位置设置公益广告。`,
          },
          {
            id: "s3-2",
            title: "（二）深化学雷锋志愿服务",
            text: `制定年度志愿服务计划，成立志愿服务队${n.teams}支，注册志愿者${n.volunteers}人，围绕关爱老人、文明交通、环境整治等开展志愿服务活动，全年累计服务${n.hours}小时，在服务窗口设立学雷锋志愿服务岗，为群众提供咨询引导和便民服务。`,
          },
          {
            id: "s3-3",
            title: "（三）推进诚信建设",
            text: "建立诚信管理制度，组织干部职工签订诚信承诺书，开展诚信主题教育。公开办事流程和服务承诺，设立监督电话和意见箱，对群众反映的问题件件有回音、事事有着落，单位及法定代表人无不良信用记录。",
          },
          {
            id: "s3-4",
            title: "（四）建设学习型单位",
            text: `建有职工书屋，藏书${n.books}册，订阅报刊四十余种。开展读书分享、岗位练兵和业务技能竞赛，鼓励干部职工参加学历教育和职业资格培训，通过单位网站和微信公众号发布学习活动信息，营造了比学赶超的良好氛围。`,
          },
          {
            id: "s3-5",
            title: "（五）培育单位文化",
            text: `提炼形成体现单位特色的单位精神，建设文体活动室和健身场所。在春节、清明、端午、中秋等传统节日组织开展“我们的节日”主题活动，全年开展各类文体活动${n.events}场次，干部职工的归属感和幸福感不断增强。`,
          },
          {
            id: "s3-6",
            title: "（六）开展结对共建",
            text: `与${n.partners}个社区（村）建立结对共建关系，定期开展政策宣讲、环境整治和困难群众走访慰问活动；参与乡村振兴结对帮扶，全年落实帮扶资金和物资折合${n.aid}万元，帮助结对村发展特色产业。同时关心关爱干部职工，开展困难职工帮扶和送温暖活动。`,
          },
          {
            id: "s3-7",
            title: "（七）加强网络文明建设",
            text: `加强单位网站和微信公众号管理，落实信息发布审核制度，做到内容健康、管理规范。组织干部职工学习网络文明公约，引导大家文明上网、理性表达，利用新媒体平台宣传创建工作和先进典型，全年发布创建信息${n.posts}条。`,
          },
        ],
      },
      { id: "s4", heading: "四、创建成效", text: `${pick(RESULTS)(n)}${RESULTS_CLOSE(n)}`, items: [] },
      { id: "s5", heading: "五、存在问题", text: pick(PROBLEMS), items: [] },
      { id: "s6", heading: "六、下一步打算", text: pick(PLANS), items: [] },
    ],
  };
}

function figuresFor(n: Counts, content: Content): Figure[] {
  const facts: ReadonlyArray<readonly [paragraphId: string, label: string, value: number, unit: string]> = [
    ["s1", "在编干部职工", n.staff, "人"],
    ["s3-1", "组织集体学习", n.study, "次"],
    ["s3-1", "举办道德讲堂活动", n.lectures, "期"],
    ["s3-2", "注册志愿者", n.volunteers, "人"],
    ["s3-2", "累计志愿服务", n.hours, "小时"],
    ["s3-4", "职工书屋藏书", n.books, "册"],
  ];
  const texts = new Map(
    content.sections.flatMap(
      (s): Array<[string, string]> => [[s.id, s.text], ...s.items.map((i): [string, string] => [i.id, i.text])],
    ),
  );
  return facts.map(([paragraphId, label, value, unit], k) => {
    const paragraph = texts.get(paragraphId) ?? "";
    const sentence = paragraph.split(/(?<=[。；])/).find((s) => s.includes(String(value))) ?? paragraph;
    return { id: `f${k + 1}`, paragraphId, text: sentence, label, value, unit, confirmed: true };
  });
}

/**
 * One demo report, as stored: its content, confirmed figures and length (the bench seeds its applications' reports
 * with it too). Its paragraphs' ids are fixed (s1 … s6, s3-1 … s3-7), so seeds link them to items by id.
 */
export function demoReport(applicationId: string, index: number) {
  const n = countsFor(applicationId);
  const content = contentFor(n, index);
  return {
    content: JSON.stringify(content),
    figures: JSON.stringify(figuresFor(n, content)),
    length: savedReportLength(content),
  };
}

/** A report on every application of the demo scoring rounds, with 3–6 links to items of the round's criteria. */
export function demoReportRows(scoring: DemoScoringRows): DemoReportRows {
  const applicationReports: DemoReportRows["applicationReports"] = [];
  const reportLinks: DemoReportRows["reportLinks"] = [];
  for (const slug of ["sichuan", "hubei"] as const satisfies readonly DemoTenantSlug[]) {
    const items = [...demoCriteria(slug).categories.flatMap((c) => c.items)];
    const codeOf = (words: string) => items.find((i) => i.title.includes(words))?.code;
    const inRound = scoring.applications.filter((a) => a.roundId === DEMO_ROUNDS.review(slug));
    inRound.forEach((app, i) => {
      applicationReports.push({
        applicationId: app.id,
        tenantId: app.tenantId,
        ...demoReport(app.id, i),
        updatedBy: "demo-seed",
        updatedAt: app.submittedAt ?? app.updatedAt ?? "",
      });
      // Every unit links its leadership and its 台账, and one to four of its practices: three to six links.
      const [lead, ledger, ...practices] = LINK_WORDS;
      const taken = practices.map((_, k) => practices[(i + k) % practices.length]).slice(0, 1 + (i % 4));
      for (const [paragraphId, words] of [lead, ledger, ...taken].filter((l) => l !== undefined)) {
        const itemCode = codeOf(words);
        if (itemCode) reportLinks.push({ tenantId: app.tenantId, applicationId: app.id, paragraphId, itemCode });
      }
    });
  }
  return { applicationReports, reportLinks };
}
