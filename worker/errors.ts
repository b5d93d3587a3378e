import type { ContentfulStatusCode } from "hono/utils/http-status";
import { type FieldProblems, fieldMaps } from "./domain/field-messages.ts";
import { MAX_FILES_PER_ITEM } from "./schemas/applications.ts";

/** Every error the API can answer with, in both languages; the code is the machine-readable part. */
const catalog = {
  bad_request: [400, "请求有误", "The request is malformed"],
  validation_failed: [400, "提交的内容有误，请检查标注的字段", "Some fields are invalid"],
  unauthenticated: [401, "请先登录", "Please sign in"],
  invalid_credentials: [401, "邮箱或密码错误", "Wrong email or password"],
  forbidden: [403, "无权执行此操作", "You may not do this"],
  tenant_suspended: [403, "该文明办已暂停使用本平台", "This office's account is suspended"],
  unit_not_active: [403, "单位尚未通过审核，暂不能使用此功能", "The unit is not approved yet"],
  cross_origin: [403, "拒绝跨站请求", "Cross-site request refused"],
  not_found: [404, "未找到", "Not found"],
  survey_not_configured: [404, "本评选尚未设置问卷调查", "The round has no questionnaire yet"],
  not_below_minimum: [
    409,
    "该条目的有效问卷已达到最低样本数，按满意率计分，不能录入分数",
    "The item has reached the minimum sample and is scored from its rate; points cannot be entered",
  ],
  stale_version: [409, "该内容已被他人修改，请刷新后重试", "Someone changed this meanwhile; reload and try again"],
  slug_taken: [409, "该标识已被使用", "This slug is already in use"],
  email_taken: [409, "该邮箱已有账号", "An account with this email already exists"],
  credit_code_taken: [409, "该统一社会信用代码已登记", "This unified social credit code is already registered"],
  unit_name_taken: [409, "已有同名单位", "A unit of this name exists"],
  not_pending: [409, "该单位不在待审核状态", "The unit is not pending review"],
  round_draft: [409, "评选尚在筹备阶段，不能执行此操作", "The round is still in draft; this action is not allowed"],
  round_applications_open: [
    409,
    "评选处于申报阶段，不能执行此操作",
    "The round is taking applications; this action is not allowed",
  ],
  round_city_review: [
    409,
    "评选处于市级评审阶段，不能执行此操作",
    "The round is in city review; this action is not allowed",
  ],
  round_province_review: [
    409,
    "评选处于省级评审阶段，不能执行此操作",
    "The round is in provincial review; this action is not allowed",
  ],
  round_notice: [409, "评选处于公示阶段，不能执行此操作", "The round is on public notice; this action is not allowed"],
  round_named: [409, "评选已命名结束，不能执行此操作", "The round is closed (named); this action is not allowed"],
  application_locked: [409, "申报已提交，退回前不能修改", "The application is submitted and locked until returned"],
  application_withdrawn: [
    409,
    "申报已撤回，不能再执行此操作",
    "The application was withdrawn; this action is not allowed",
  ],
  application_exists: [409, "本单位已申报该评选", "The unit has already applied in this round"],
  no_published_program: [
    409,
    "须先发布覆盖本年度的创建工作方案",
    "Publish a creation program covering the round's year first",
  ],
  not_eligible: [409, "本单位不具备本评选要求的称号，不能申报", "The unit does not hold the title this round requires"],
  award_exists: [409, "该单位已登记同级别、同一届的称号", "The unit already has this title for this term"],
  report_missing: [409, "本评选要求提交汇报材料，请先填写", "This round requires the unit's report; write it first"],
  report_too_long: [
    409,
    "汇报材料超过本评选规定的字数，请精简后再提交",
    "The report is longer than the round allows; shorten it first",
  ],
  evidence_incomplete: [
    409,
    "以下测评内容尚缺材料，请补充后再提交",
    "Some items lack evidence; complete them before submitting",
  ],
  criteria_frozen: [
    409,
    "该测评体系已被评选使用，不能修改；可复制后修改",
    "The criteria system is used by a round and frozen; copy it to change it",
  ],
  last_admin: [409, "不能移除最后一位租户管理员", "The last tenant admin cannot be removed"],
  already_in_state: [409, "已处于该状态", "Already in that state"],
  too_many_attachments: [409, "每条台账最多 10 个附件", "A record can have at most 10 attachments"],
  too_many_evidence_files: [
    409,
    `每项测评内容最多 ${MAX_FILES_PER_ITEM} 个材料文件`,
    `An assessment item can have at most ${MAX_FILES_PER_ITEM} evidence files`,
  ],
  decision_not_open: [
    409,
    "该申报当前的状态不能作出推荐决定",
    "This application's status does not allow a recommendation decision",
  ],
  application_vetoed: [
    409,
    "该申报已被一票否决（评审否决项或部门意见），不能推荐",
    "The application is vetoed (a veto finding or a department's veto) and cannot be recommended",
  ],
  below_onsite_gate: [
    409,
    "该申报的市级评审得分低于进入实地考察的最低分，不能推荐",
    "The application's city score is below the minimum for on-site review; it cannot be recommended",
  ],
  quota_full: [409, "该推荐名额池的名额已用完", "The quota pool is full"],
  phase_blocked: [
    409,
    "尚有未完成的工作，评选不能进入下一阶段",
    "Work is outstanding; the round cannot move to its next phase",
  ],
  phase_needs_own_action: [
    409,
    "该阶段须通过专门操作推进：省级评审结束请“发布公示”，公示结束请“命名表彰”",
    "This phase is left through its own action: publish the notice (POST …/notice) after provincial review, name (POST …/naming) after notice",
  ],
  outcome_on_notice: [
    409,
    "公示期间不能更改已公示的复查结果（异议成立后结果清空，方可重新设定）",
    "During notice a published re-check outcome cannot change (an upheld objection clears it for a new one)",
  ],
  shortlist_empty: [
    409,
    "没有符合条件的拟命名单位，不能发布公示",
    "No application qualifies for the shortlist; the notice cannot be published",
  ],
  calibration_stale: [
    409,
    "校准结果已过期：请先在排名页重新校准，再发布公示",
    "The calibration is out of date: refit it on the ranking page first, then publish the notice",
  ],
  notice_closed: [409, "不在公示期内，不受理异议", "Objections are accepted only while the notice is open"],
  objection_decided: [409, "该异议已作出调查结论，不能再次处理", "This objection already has its finding"],
  title_transition: [
    409,
    "该称号当前状态不允许此项处理（如：未警告的称号不能恢复，已撤销、终止或过期的称号不能再处理）",
    "The title's current state does not allow this outcome (e.g. only a warned title can be restored; a revoked, lapsed or expired title takes none)",
  ],
  not_recheck: [409, "该评选不是复查，不能记录复查结论", "The round is not a re-check; it records no title outcomes"],
  recheck_enrolment_only: [
    409,
    "复查由文明办按现有称号统一纳入，单位无需也不能自行申报",
    "Re-checks enrol the current title holders; units do not apply to them",
  ],
  not_calibrated: [
    409,
    "本评选的汇总方式不是校准汇总，无需重新校准",
    "The round does not aggregate by calibration; there is nothing to refit",
  ],
  not_assigned: [403, "您不在该申报的评审组中，不能评分", "You are not on this application's panel"],
  reviewer_conflicted: [
    403,
    "您与该单位存在回避关系，不能评分",
    "You have a conflict of interest with this unit and may not score it",
  ],
  panel_conflicted: [
    409,
    "所选评审员与该单位存在回避关系",
    "A reviewer chosen has a conflict of interest with this unit",
  ],
  form_incomplete: [409, "尚有评分项未评分，不能提交", "Some items are not scored yet; score them before submitting"],
  score_change_pending: [409, "该评分表已有待审核的修改", "A change of this form already awaits approval"],
  second_approver_required: [403, "评分修改须由另一位评审员审核", "Another reviewer must decide on this change"],
  survey_answered: [
    409,
    "问卷已有答卷或评审录入的分数：题目、选项、对应条目和计分规则不能再更改，题目文字和截止日期仍可修改",
    "The survey has answers or reviewer-entered points: its questions, options, items and scoring rules can no longer change (texts and the closing day still may)",
  ],
  sources_locked: [
    409,
    "本评选已有评审评分，由问卷调查或互评计分的条目不能再更改",
    "Reviewers have scored this round: the items scored by the survey or by peers can no longer change",
  ],
  mutual_closed: [409, "不在互评时间内，不能评分", "Peer scores are accepted only while the mutual assessment is open"],
  mutual_submitted: [
    409,
    "互评表已提交，不能再修改",
    "This mutual assessment form is submitted and can no longer change",
  ],
  mutual_scored: [
    409,
    "已有单位提交互评评分，不能重新分配互评单位",
    "Units have already scored their peers: the assignment can no longer be redone",
  ],
  survey_closed: [
    409,
    "不在问卷调查时间内，暂不能填写",
    "The questionnaire accepts answers only while its window is open",
  ],
  survey_already_answered: [
    409,
    "您已填写过该单位的问卷，感谢参与",
    "This device has already answered this unit's questionnaire",
  ],
  survey_page_expired: [
    400,
    "问卷页面已失效，请刷新后重新填写",
    "The questionnaire page has expired or was altered; reload it and answer again",
  ],
  token_invalid: [400, "链接无效、已使用或已过期", "The link is invalid, used or expired"],
  payload_too_large: [413, "提交的内容过大", "The request body is too large"],
  unsupported_media_type: [415, "仅接受 application/json 格式的提交", "Only application/json bodies are accepted"],
  too_many_attempts: [429, "尝试次数过多，请稍后再试", "Too many attempts, try again later"],
  rate_limited: [429, "提交或查询过于频繁，请稍后再试", "Too many requests from this address; try again later"],
  internal: [500, "服务器内部错误", "Internal server error"],
} as const satisfies Record<string, readonly [ContentfulStatusCode, string, string]>;

export type ErrorCode = keyof typeof catalog;

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    messageEn: string;
    /** Field path → messages in Simplified Chinese. */
    fields?: Record<string, string[]>;
    /** The same fields' messages in English. */
    fieldsEn?: Record<string, string[]>;
    /** For 409 conflicts: the current state, so the client can show it and retry. */
    current?: unknown;
  };
}

/** Thrown anywhere below the routes; the app's error handler turns it into the one error shape. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: ContentfulStatusCode;
  readonly fields: FieldProblems | undefined;
  readonly headers: Record<string, string> | undefined;
  readonly current: unknown;

  constructor(
    code: ErrorCode,
    options: { fields?: FieldProblems; headers?: Record<string, string>; current?: unknown } = {},
  ) {
    super(code);
    this.code = code;
    this.status = catalog[code][0];
    this.fields = options.fields;
    this.headers = options.headers;
    this.current = options.current;
  }
}

/** The one error shape; field messages written as "中文 / English" (or as pairs) go out as `fields` + `fieldsEn`. */
export function errorBody(code: ErrorCode, fields?: FieldProblems, current?: unknown): ErrorBody {
  const [, message, messageEn] = catalog[code];
  return {
    error: {
      code,
      message,
      messageEn,
      ...(fields ? fieldMaps(fields) : {}),
      ...(current !== undefined ? { current } : {}),
    },
  };
}

/** A 400 naming the fields at fault, for rules zod cannot see (existence, uniqueness, password policy). */
export function invalidFields(fields: FieldProblems): ApiError {
  return new ApiError("validation_failed", { fields });
}

export function errorStatus(code: ErrorCode): ContentfulStatusCode {
  return catalog[code][0];
}
