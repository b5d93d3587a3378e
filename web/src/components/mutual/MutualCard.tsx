// The application page's 互评 card: the peers this unit scores and whether its form is submitted.
export function MutualCard(_props: { tenant: string; applicationId: string }) {
  return null;
}
