/** The unit's report (汇报材料): import, clean, structure, figures, criteria links. */
export function ReportPage() {
  return null;
}
