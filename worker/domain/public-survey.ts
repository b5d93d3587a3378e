/**
 * A respondent's answers to a unit's questionnaire: which questions they must answer (those of the audience they
 * said they belong to, each once) and what each answer stores (the chosen option's value, for its item).
 */
import type { FieldProblems } from "./field-messages.ts";
import type { SurveyAudience } from "./vocabulary.ts";

export interface AskedQuestion {
  id: string;
  itemCode: string;
  audience: SurveyAudience;
  options: ReadonlyArray<{ value: number }>;
}

export interface GivenAnswer {
  questionId: string;
  option: number;
}

export interface AnswerRow {
  questionId: string;
  itemCode: string;
  value: number;
}

/** The answers as rows to store, or the fields at fault (400). */
export function answerRows(
  questions: readonly AskedQuestion[],
  audience: SurveyAudience,
  answers: readonly GivenAnswer[],
): { rows: AnswerRow[] } | { problems: FieldProblems } {
  const asked = new Map(questions.filter((q) => q.audience === audience).map((q) => [q.id, q]));
  const problems: Record<string, string[]> = {};
  const seen = new Set<string>();
  const rows: AnswerRow[] = [];
  answers.forEach((answer, i) => {
    const question = asked.get(answer.questionId);
    if (!question) {
      problems[`answers.${i}.questionId`] = ["该问题不在此问卷中 / not a question for this respondent"];
    } else if (seen.has(answer.questionId)) {
      problems[`answers.${i}.questionId`] = ["同一问题只能回答一次 / answered twice"];
    } else if (answer.option >= question.options.length) {
      problems[`answers.${i}.option`] = ["没有这个选项 / no such option"];
    } else {
      rows.push({
        questionId: question.id,
        itemCode: question.itemCode,
        value: question.options[answer.option]?.value ?? 0,
      });
    }
    seen.add(answer.questionId);
  });
  if (asked.size === 0) problems.audience = ["此问卷没有面向该身份的问题 / no questions for this audience"];
  else if ([...asked.keys()].some((id) => !seen.has(id))) problems.answers = ["请回答全部问题 / answer every question"];
  return Object.keys(problems).length > 0 ? { problems } : { rows };
}
