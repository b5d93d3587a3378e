// Demo criteria systems (测评体系) for the two demo tenants, modelled on published provincial systems
// (see ../shared/DOMAIN.md): 100 base points over twelve categories, bonus items capped at 10,
// deduction items capped at 10 and the usual veto list. Both tenants share one outline; where they
// differ (weights, a few items, the twelfth category) the outline says so inline, so the two systems
// cannot drift apart by accident.
import type { CriteriaDocument, CriteriaItemShape } from "../../worker/schemas/criteria.ts";

export type DemoTenantSlug = "sichuan" | "hubei";

type Method = CriteriaItemShape["method"];

/** Points for both tenants, or a pair when the tenants weigh the item differently. */
type Points = number | { readonly sichuan: number; readonly hubei: number };

interface ItemSpec {
  readonly title: string;
  readonly points: Points;
  readonly method: Method;
  /** Graded A/B/C/D instead of free points. */
  readonly graded?: boolean;
  readonly guidance?: string;
  readonly minFiles?: number;
  readonly maxNoteChars?: number;
  /** Present in one tenant's system only. */
  readonly only?: DemoTenantSlug;
}

interface CategorySpec {
  readonly title: string;
  readonly items: readonly ItemSpec[];
  readonly only?: DemoTenantSlug;
}

/** The common graded scale: A = full, B = 66 %, C = 33 %, D = nothing. */
const ABCD = [
  { grade: "A", share: 1 },
  { grade: "B", share: 0.66 },
  { grade: "C", share: 0.33 },
  { grade: "D", share: 0 },
] as const;

/** Photos must show the unit's name (单位名称可辨识), so on-site items ask for at least two of them. */
const PHOTOS = { minFiles: 2 } as const;
const PHOTO_GUIDANCE = "须上传不少于2张能辨识单位名称的现场照片，并附简要说明。";

const CATEGORIES: readonly CategorySpec[] = [
  {
    title: "组织领导",
    items: [
      {
        title: "成立由主要负责人任组长的文明单位创建工作领导小组，下设办公室，明确专人负责",
        points: 2,
        method: "material",
        minFiles: 1,
        guidance: "查阅成立领导小组的正式文件（须有文号）；主要负责人未任组长的扣1分。",
      },
      {
        title: "将文明单位创建纳入单位发展规划和年度工作要点，制定创建规划和年度工作方案",
        points: 2,
        method: "material",
        minFiles: 1,
        guidance: "年度工作方案须有文号，并明确重点任务、责任部门和时间安排；无方案不得分。",
      },
      {
        title: "党组（党委）每年至少两次专题研究创建工作，主要负责人亲自部署、推动落实",
        points: { sichuan: 1.5, hubei: 2 },
        method: "material",
        guidance: "查阅会议纪要；每少一次扣0.5分。",
      },
      { title: "创建工作经费列入年度预算，保障到位", points: 1, method: "material" },
      {
        title: "建立创建工作台账，档案资料齐全、分类规范，年终形成工作总结",
        points: 1,
        method: "material",
        maxNoteChars: 1500,
        guidance: "年终工作总结约1500字，应包括基本情况、主要做法、成效、存在问题和下一步打算。",
      },
      { title: "干部职工对文明单位创建工作的知晓率、参与率", points: 1.5, method: "survey" },
    ],
  },
  {
    title: "思想道德建设",
    items: [
      {
        title: "深入学习贯彻习近平新时代中国特色社会主义思想，落实党组（党委）理论学习中心组学习制度",
        points: 2,
        method: "material",
      },
      {
        title: "广泛开展社会主义核心价值观宣传教育，在办公场所、网站等醒目位置设置公益广告",
        points: 2,
        method: "onsite",
        ...PHOTOS,
        guidance: PHOTO_GUIDANCE,
      },
      {
        title: "建设道德讲堂，每年举办道德讲堂活动不少于4次",
        points: { sichuan: 2, hubei: 1.5 },
        method: "material",
        graded: true,
        guidance: "A：4次以上且内容规范；B：3次；C：1至2次；D：未开展。",
      },
      { title: "开展身边好人、道德模范、最美职工等选树宣传活动", points: 1.5, method: "material" },
      { title: "开展“我们的节日”主题活动，弘扬中华优秀传统文化", points: 1.5, method: "material" },
      { title: "开展爱国主义教育和形势政策教育", points: 1, method: "material" },
      { title: "干部职工对社会主义核心价值观的知晓认同情况", points: 2, method: "survey" },
    ],
  },
  {
    title: "学雷锋志愿服务",
    items: [
      {
        title: "制定年度学雷锋志愿服务计划，明确责任部门和责任人",
        points: 2,
        method: "material",
        minFiles: 1,
      },
      {
        title: "成立志愿服务队，在全国志愿服务信息系统注册的志愿者占在职职工20%以上",
        points: 2.5,
        method: "online",
        guidance: "以全国志愿服务信息系统数据为准，每低5个百分点扣0.5分。",
      },
      {
        title: "常态化开展志愿服务活动，每季度不少于1次，人均年服务时长不少于20小时",
        points: { sichuan: 2, hubei: 2.5 },
        method: "material",
        graded: true,
      },
      { title: "参与新时代文明实践中心（所、站）志愿服务和结对共建", points: 1.5, method: "material" },
      {
        title: "设立学雷锋志愿服务站（岗），窗口单位提供便民服务",
        points: 1.5,
        method: "onsite",
        ...PHOTOS,
        guidance: PHOTO_GUIDANCE,
      },
      { title: "服务对象对志愿服务活动的满意度", points: 1.5, method: "survey" },
    ],
  },
  {
    title: "诚信建设",
    items: [
      { title: "建立诚信管理制度，开展诚信主题教育和诚信承诺活动", points: 1.5, method: "material" },
      { title: "公开办事流程和服务承诺，设立监督电话和意见箱", points: 1, method: "onsite", ...PHOTOS },
      {
        title: "单位及其法定代表人无不良信用记录",
        points: 1,
        method: "online",
        guidance: "由测评组在“信用中国”网站查询，有不良记录的不得分。",
      },
      { title: "在单位网站或政务公开平台公示信用承诺和相关信用信息", points: 1, method: "online" },
      {
        title: "开展“诚信建设万里行”“诚信兴商宣传月”等活动",
        points: 1,
        method: "material",
        only: "sichuan",
      },
      { title: "服务对象对单位诚实守信、履行承诺情况的评价", points: 1, method: "survey" },
    ],
  },
  {
    title: "文明礼仪",
    items: [
      { title: "制定并落实职工文明行为规范，着装整洁、举止文明、用语规范", points: 1.5, method: "onsite" },
      { title: "开展文明餐桌、“光盘行动”、节水节电等勤俭节约活动", points: 1.5, method: "material" },
      {
        title: "窗口单位设置文明服务标识和便民服务设施，服务规范热情",
        points: 1.5,
        method: "onsite",
        ...PHOTOS,
        guidance: PHOTO_GUIDANCE,
      },
      { title: "开展文明交通、文明旅游、文明上网宣传引导", points: 1, method: "material" },
      { title: "推进移风易俗，倡导婚事新办、丧事简办", points: 1, method: "material" },
      { title: "服务对象对窗口服务文明规范的满意度", points: 2, method: "survey" },
    ],
  },
  {
    title: "学习型单位",
    items: [
      { title: "建立职工学习制度，建有职工书屋或阅览室", points: 1.5, method: "onsite", ...PHOTOS },
      { title: "开展读书活动、岗位练兵和技能竞赛", points: 1.5, method: "material" },
      { title: "开展干部职工教育培训，人均年培训学时达到规定要求", points: 1, method: "material" },
      { title: "通过单位网站、微信公众号等发布学习活动信息", points: 1.5, method: "online" },
    ],
  },
  {
    title: "单位文化",
    items: [
      { title: "提炼培育体现单位特色的单位精神和核心理念", points: 1.5, method: "material" },
      {
        title: "建有文体活动场所，经常开展群众性文化体育活动",
        points: 2,
        method: "onsite",
        ...PHOTOS,
        guidance: PHOTO_GUIDANCE,
      },
      { title: "在传统节日、重要纪念日组织开展文化活动", points: 1, method: "material" },
      {
        title: "利用单位网站、微信公众号等宣传创建工作，每月至少更新一次",
        points: 1.5,
        method: "online",
        guidance: "提供已发布内容的链接或截图，代替纸质材料。",
      },
      { title: "干部职工对单位文化活动的参与度和满意度", points: 1, method: "survey" },
    ],
  },
  {
    title: "法治与平安",
    items: [
      {
        title: "落实民主集中制和政务（厂务、院务、校务）公开制度，每年召开职工（代表）大会",
        points: 1.5,
        method: "material",
      },
      { title: "开展法治宣传教育，落实“谁执法谁普法”普法责任制", points: 1.5, method: "material" },
      {
        title: "落实安全生产责任制，定期开展消防演练和隐患排查",
        points: { sichuan: 1.5, hubei: 2 },
        method: "onsite",
      },
      { title: "加强综合治理和平安建设，内部安全防范措施到位", points: 1, method: "material" },
      { title: "设置法治宣传栏和平安建设宣传阵地", points: 1, method: "onsite" },
      { title: "落实全面从严治党主体责任，开展廉洁文化建设", points: 1.5, method: "material" },
      { title: "干部职工对单位民主管理和法治建设的满意度", points: 1.5, method: "survey" },
    ],
  },
  {
    title: "业务工作",
    items: [
      {
        title: "全面完成年度目标任务，业务工作在本系统、本行业考核中位居前列",
        points: 3.5,
        method: "material",
        graded: true,
        guidance: "以上级主管部门年度考核结果为准：A 优秀；B 良好；C 合格；D 不合格或未考核。",
      },
      {
        title: "深化“放管服”改革，优化营商环境，服务事项网上可办",
        points: 2.5,
        method: "online",
      },
      { title: "服务对象对单位服务质量和工作效能的满意度", points: { sichuan: 3.5, hubei: 3 }, method: "survey" },
      { title: "业务工作获得上级主管部门或行业表彰", points: 1.5, method: "material" },
      { title: "加强作风建设，严格落实中央八项规定精神", points: 1.5, method: "material" },
    ],
  },
  {
    title: "环境建设",
    items: [
      {
        title: "办公区域整洁有序，绿化美化，无卫生死角",
        points: 3,
        method: "onsite",
        graded: true,
        guidance: "实地查看办公楼、院落、食堂和卫生间。",
      },
      { title: "落实生活垃圾分类，节能降耗，建设节约型机关（单位）", points: 1.5, method: "onsite" },
      { title: "全面落实公共场所控烟，设置禁烟标识", points: 1, method: "onsite" },
      { title: "职工食堂卫生规范，落实反食品浪费措施", points: 1, method: "onsite" },
      { title: "参与城乡环境综合整治和爱国卫生运动", points: 1, method: "material" },
      {
        title: "单位周边环境秩序良好，落实“门前三包”，车辆停放规范",
        points: { sichuan: 1, hubei: 1.5 },
        method: "onsite",
      },
    ],
  },
  {
    title: "帮扶共建",
    items: [
      { title: "参与乡村振兴结对帮扶，落实帮扶措施", points: 1.5, method: "material" },
      { title: "与社区（村）开展文明共建，参与文明城市（城镇、村镇）创建", points: 1.5, method: "material" },
      { title: "关心关爱干部职工，开展困难职工帮扶和送温暖活动", points: 1, method: "material" },
    ],
  },
  {
    title: "未成年人思想道德建设",
    only: "sichuan",
    items: [
      { title: "组织开展关心下一代工作，参与“五老”志愿服务和校外辅导", points: 1.5, method: "material" },
      { title: "面向青少年开放单位资源，开展职业体验和社会实践活动", points: 1.5, method: "onsite", ...PHOTOS },
    ],
  },
  {
    title: "网络文明建设",
    only: "hubei",
    items: [
      { title: "加强网络文明宣传教育，引导干部职工文明上网、理性表达", points: 1, method: "material" },
      {
        title: "单位门户网站和新媒体账号内容健康、管理规范",
        points: 1.5,
        method: "online",
        guidance: "测评组抽查近一年发布内容，发现违规信息的不得分。",
      },
    ],
  },
  {
    title: "特色工作",
    items: [
      {
        title: "结合单位实际打造创建特色品牌，形成可复制、可推广的经验",
        points: { sichuan: 3, hubei: 3.5 },
        method: "material",
        graded: true,
        maxNoteChars: 1000,
        guidance: "由测评组综合评定特色是否鲜明、成效是否显著。",
      },
    ],
  },
];

const BONUS: readonly ItemSpec[] = [
  {
    title: "获得全国先进基层党组织、全国五一劳动奖状等国家级综合性荣誉",
    points: 3,
    method: "material",
    minFiles: 1,
    guidance: "以表彰文件为准，同一荣誉不重复加分。",
  },
  { title: "获得省委、省政府或省级部门综合性表彰", points: 2, method: "material", minFiles: 1 },
  {
    title: "干部职工获评道德模范或入选“中国好人榜”",
    points: 2,
    method: "material",
    graded: true,
    guidance: "国家级加2分，省级加1分。",
  },
  { title: "创建工作创新做法被省级以上文明办推广或中央、省级主流媒体报道", points: 2, method: "material" },
  { title: "志愿服务项目获评全国或省级最佳志愿服务项目", points: 1.5, method: "material" },
  { title: "在全省文明创建专项任务中表现突出，受到省文明办通报表扬", points: 1.5, method: "material", only: "hubei" },
];

/** Bonus grades by the honour's level rather than A–D. */
const LEVEL_GRADES = [
  { grade: "国家级", share: 1 },
  { grade: "省级", share: 0.5 },
] as const;

const DEDUCTIONS: readonly ItemSpec[] = [
  {
    title: "明察暗访发现问题",
    points: 6,
    method: "onsite",
    guidance: "每发现一处问题扣2分，本项最多扣6分。",
  },
  {
    title: "发生负面网络舆情并造成不良影响，经查证属实",
    points: 3,
    method: "online",
    guidance: "每起扣1.5分。",
  },
  { title: "未按时完成上级文明委（办）部署的创建任务", points: 2, method: "material" },
  { title: "申报材料不实或未按要求报送，情节较轻", points: 2, method: "material" },
  {
    title: "干部职工受到党纪政务处分，未达到一票否决情形",
    points: 3,
    method: "material",
    guidance: "每人次扣1分。",
    only: "sichuan",
  },
];

/** Vetoes as commonly published (national 2012 list, Anhui 2019 list); all look back two years. */
const VETOES: ReadonlyArray<{ text: string; threshold?: number }> = [
  { text: "单位主要负责人或2名以上领导班子成员因严重违纪违法受到党纪政务处分或被追究刑事责任" },
  { text: "单位职工因违法犯罪被追究刑事责任", threshold: 3 },
  { text: "发生重大安全生产责任事故" },
  { text: "发生重大食品药品安全事故" },
  { text: "发生造成恶劣影响的群体性事件" },
  { text: "发生黄赌毒案件并造成恶劣社会影响" },
  { text: "职工参与邪教组织活动并造成恶劣社会影响" },
  { text: "单位或其法定代表人被列为失信联合惩戒对象" },
  { text: "在创建申报中弄虚作假、骗取荣誉" },
  { text: "发生重大环境污染事件" },
  { text: "发生其他严重违背社会公德、职业道德的事件，造成恶劣社会影响" },
];

const NAMES: Record<DemoTenantSlug, string> = {
  sichuan: "四川省文明单位测评体系（2026年版）",
  hubei: "湖北省文明单位测评体系（2026年版）",
};

const forTenant = (tenant: DemoTenantSlug) => (spec: { only?: DemoTenantSlug }) =>
  spec.only === undefined || spec.only === tenant;

function item(
  tenant: DemoTenantSlug,
  code: string,
  spec: ItemSpec,
  grades: ReadonlyArray<{ grade: string; share: number }> = ABCD,
): CriteriaItemShape {
  const graded = spec.graded === true;
  return {
    code,
    title: spec.title,
    maxPoints: typeof spec.points === "number" ? spec.points : spec.points[tenant],
    mode: graded ? "graded" : "points",
    grades: graded ? grades.map((g) => ({ ...g })) : [],
    method: spec.method,
    guidance: spec.guidance ?? "",
    evidence: { minFiles: spec.minFiles ?? 0, maxNoteChars: spec.maxNoteChars ?? 500 },
  };
}

/** One demo tenant's 100-point system: categories A1…, bonus items B1…, deductions C1…, vetoes V1…. */
export function demoCriteria(tenantSlug: DemoTenantSlug): CriteriaDocument {
  const keep = forTenant(tenantSlug);
  return {
    name: NAMES[tenantSlug],
    version: 1,
    maxTotal: 100,
    categories: CATEGORIES.filter(keep).map((category, c) => ({
      code: `A${c + 1}`,
      title: category.title,
      items: category.items.filter(keep).map((spec, i) => item(tenantSlug, `A${c + 1}.${i + 1}`, spec)),
    })),
    bonusItems: BONUS.filter(keep).map((spec, i) => item(tenantSlug, `B${i + 1}`, spec, LEVEL_GRADES)),
    bonusCap: 10,
    deductionItems: DEDUCTIONS.filter(keep).map((spec, i) => item(tenantSlug, `C${i + 1}`, spec)),
    deductionCap: 10,
    vetoRules: VETOES.map((veto, i) => ({
      id: `V${i + 1}`,
      text: veto.text,
      lookbackMonths: 24,
      threshold: veto.threshold ?? null,
    })),
  };
}
