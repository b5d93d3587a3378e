/** Which criteria items the applications in scope cover least. */
export function RoundCoveragePage() {
  return null;
}
