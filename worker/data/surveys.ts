// A round's questionnaire (问卷调查) as the round owner keeps it, the per-unit survey links and the A4 poster.
import type { surveys } from "../../db/schema.ts";
import type { SurveyRule } from "../domain/source-points.ts";
import type { SurveyQuestionShape } from "../schemas/survey.ts";

type SurveyRow = typeof surveys.$inferSelect;

/** The row's questions; the JSON was validated by SaveSurveyBody when it was saved. */
export function questionsOf(row: Pick<SurveyRow, "questions">): SurveyQuestionShape[] {
  return JSON.parse(row.questions) as SurveyQuestionShape[];
}

/** How the row's answers turn into points: the minimum sample, what happens below it, the grade bands. */
export function surveyRuleOf(row: Pick<SurveyRow, "minAnswers" | "belowMinimum" | "gradeBands">): SurveyRule {
  return {
    minAnswers: row.minAnswers,
    belowMinimum: row.belowMinimum,
    gradeBands: JSON.parse(row.gradeBands) as number[],
  };
}
