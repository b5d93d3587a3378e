/** Placeholder until the public pages land (issue #11). */
export function ObjectionFormPage() {
  return null;
}
