// 问卷调查 results across the round: per unit and item, answers, rate and points.
export function SurveyResultsPage() {
  return null;
}
