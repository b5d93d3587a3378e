/**
 * 问卷调查: a round's questionnaire, the per-unit survey links and posters, the public answer form, and the results
 * (satisfaction rate → points per unit and item, entering the ranking as extra points).
 */
import { z } from "@hono/zod-openapi";
import { CRITERIA_CODE } from "../domain/criteria-code.ts";
import { BELOW_MINIMUM_RULES, SURVEY_AUDIENCES } from "../domain/vocabulary.ts";
import { IdParam, nameText, pagingQuery } from "./common.ts";

const Day = z.iso.date();
const Code = z.string().trim().regex(CRITERIA_CODE, "编码只能由字母、数字和 . - _ 组成 / letters, digits, . - _");

export const SurveyAudience = z.enum(SURVEY_AUDIENCES);
export const BelowMinimumRule = z.enum(BELOW_MINIMUM_RULES);

/** One answer option and its value on the satisfaction scale: 满意 = 1, 基本满意 = 0.6, 不满意 = 0. */
export const SurveyOption = z.strictObject({ label: nameText(20), value: z.number().min(0).max(1) });

export const SurveyQuestion = z
  .strictObject({
    id: Code,
    text: nameText(200, 4),
    /** The survey-method criteria item this question's answers score. */
    itemCode: Code,
    audience: SurveyAudience,
    options: z.array(SurveyOption).min(2).max(7),
  })
  .openapi("SurveyQuestion");
export type SurveyQuestionShape = z.output<typeof SurveyQuestion>;

export const MAX_SURVEY_QUESTIONS = 40;

/** The questionnaire as the round owner saves it; `version` 0 creates it. */
export const SaveSurveyBody = z
  .strictObject({
    version: z.number().int().min(0),
    questions: z.array(SurveyQuestion).min(1).max(MAX_SURVEY_QUESTIONS),
    minAnswers: z.number().int().min(1).max(5000),
    belowMinimum: BelowMinimumRule,
    gradeBands: z
      .array(z.number().min(0).max(1))
      .max(6)
      .openapi({ description: "least satisfaction rate for each grade of a graded item, in the item's grade order" }),
    opensOn: Day,
    closesOn: Day,
  })
  .openapi("SaveSurveyBody");

const SurveyItemRef = z.object({
  code: z.string(),
  title: z.string(),
  maxPoints: z.number(),
  mode: z.enum(["points", "graded"]),
});

/**
 * A round's questionnaire. Before the owner saves one, `configured` is false and the questionnaire is the default
 * drawn from the criteria system's survey-method items.
 */
export const SurveyView = z
  .object({
    roundId: z.string(),
    configured: z.boolean(),
    version: z.number().int(),
    editable: z.boolean().openapi({ description: "whether the caller may change it (the round owner)" }),
    questions: z.array(SurveyQuestion),
    minAnswers: z.number().int(),
    belowMinimum: BelowMinimumRule,
    gradeBands: z.array(z.number()),
    opensOn: z.string().nullable(),
    closesOn: z.string().nullable(),
    open: z.boolean().openapi({ description: "whether answers are accepted now" }),
    items: z.array(SurveyItemRef).openapi({ description: "the system's survey-method items a question may score" }),
  })
  .openapi("SurveyView");

export const SurveyLinksQuery = z.object({ ...pagingQuery, q: z.string().max(60).optional() });

/** Per applying unit: its survey link (path on this site) and how many answers it has. */
export const SurveyLinkList = z
  .object({
    items: z.array(
      z.object({
        applicationId: z.string(),
        unitName: z.string(),
        city: z.string().nullable(),
        path: z.string().openapi({ example: "/s/sichuan/app-1/Xy3…" }),
        counted: z.number().int(),
      }),
    ),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi("SurveyLinkList");

/** What the A4 poster prints: the unit, the round, the window, the link and its QR code as SVG. */
export const SurveyPoster = z
  .object({
    applicationId: z.string(),
    unitName: z.string(),
    roundTitle: z.string(),
    opensOn: z.string(),
    closesOn: z.string(),
    path: z.string(),
    qrSvg: z.string().openapi({ description: "an SVG document of the link's QR code (made by the Worker)" }),
    counted: z.number().int().openapi({ description: "answers counted so far" }),
  })
  .openapi("SurveyPoster");

// ---------------------------------------------------------------------------------------------------
// The public form (no login)

export const PublicSurveyParams = z.object({
  tenant: z.string().min(1).max(64),
  applicationId: IdParam,
});

export const PublicSurveyQuery = z.object({ k: z.string().min(8).max(64).openapi({ description: "the link's key" }) });

export const PublicSurvey = z
  .object({
    unitName: z.string(),
    roundTitle: z.string(),
    opensOn: z.string(),
    closesOn: z.string(),
    open: z.boolean(),
    answered: z.boolean().openapi({ description: "this device already answered for this unit" }),
    startToken: z.string().openapi({ description: "signed start time; send it back with the answers" }),
    questions: z.array(
      z.object({
        id: z.string(),
        text: z.string(),
        audience: SurveyAudience,
        options: z.array(z.object({ label: z.string() })),
      }),
    ),
  })
  .openapi("PublicSurvey");

export const SurveyAnswerBody = z
  .strictObject({
    k: z.string().min(8).max(64),
    startToken: z.string().min(8).max(200),
    audience: SurveyAudience,
    answers: z
      .array(z.strictObject({ questionId: z.string().min(1).max(20), option: z.number().int().min(0).max(6) }))
      .min(1)
      .max(MAX_SURVEY_QUESTIONS),
    /** Honeypot: hidden from people; a filled one is answered 202 and dropped. */
    website: z.string().max(200).optional(),
  })
  .openapi("SurveyAnswerBody");

export const SurveyReceipt = z.object({ received: z.literal(true) }).openapi("SurveyReceipt");

// ---------------------------------------------------------------------------------------------------
// Results

/** One item's points for one application from a source other than reviewers. */
export const SourceItemPoints = z.object({
  itemCode: z.string(),
  answers: z.number().int(),
  rate: z.number().nullable().openapi({ description: "survey: satisfaction 0..1; mutual: peers' (trimmed) mean" }),
  points: z.number(),
  belowMinimum: z.boolean(),
  enteredPoints: z.number().nullable(),
});

export const SurveyResultsQuery = z.object({ ...pagingQuery, cityId: IdParam.optional() });

export const SurveyResults = z
  .object({
    minAnswers: z.number().int(),
    belowMinimum: BelowMinimumRule,
    items: z.array(SurveyItemRef),
    rows: z.array(
      z.object({
        applicationId: z.string(),
        unitName: z.string(),
        city: z.string().nullable(),
        counted: z.number().int(),
        tooFast: z.number().int(),
        burst: z.boolean().openapi({ description: "many answers from one network in a short time" }),
        points: z.number().openapi({ description: "the survey's points for this application" }),
        items: z.array(SourceItemPoints),
      }),
    ),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi("SurveyResults");

/** One application's answers over time and the bursts from one network (no network is identified). */
export const ApplicationSurvey = z
  .object({
    applicationId: z.string(),
    unitName: z.string(),
    minAnswers: z.number().int(),
    belowMinimum: BelowMinimumRule,
    counted: z.number().int(),
    tooFast: z.number().int(),
    items: z.array(SourceItemPoints.extend({ title: z.string(), maxPoints: z.number() })),
    timeline: z.array(
      z.object({ hour: z.string().openapi({ description: "UTC hour start" }), answers: z.number().int() }),
    ),
    bursts: z.array(
      z.object({
        network: z.string().openapi({ description: "网络 1, 网络 2 … (never the address)" }),
        answers: z.number().int(),
        from: z.string(),
        to: z.string(),
      }),
    ),
    canEnter: z.boolean().openapi({ description: "whether the caller may enter points for items below the minimum" }),
  })
  .openapi("ApplicationSurvey");

export const EnterSourcePointsBody = z
  .strictObject({
    itemCode: Code,
    points: z.number().min(0).max(100).nullable().openapi({ description: "null clears the entered value" }),
  })
  .openapi("EnterSourcePointsBody");
