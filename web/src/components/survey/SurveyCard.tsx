// The application page's survey card: the unit's survey link, its poster and the answers so far.
export function SurveyCard(_props: { tenant: string; applicationId: string }) {
  return null;
}
