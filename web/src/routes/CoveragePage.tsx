/** One application's coverage of its criteria system. */
export function CoveragePage() {
  return null;
}
