// 问卷调查: the round's questionnaire, its window and the per-unit links (owned by the survey work).
export function RoundSurveyPage() {
  return null;
}
