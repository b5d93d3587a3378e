/** Placeholder until the office's notice pages land (issue #11). */
export function RoundNoticePage() {
  return null;
}
