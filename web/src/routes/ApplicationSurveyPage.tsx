// One application's survey: items, answers over time, bursts, entered points below the minimum.
export function ApplicationSurveyPage() {
  return null;
}
