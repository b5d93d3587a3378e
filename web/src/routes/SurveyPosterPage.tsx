// The A4 poster of one unit's survey link and QR code, for printing.
export function SurveyPosterPage() {
  return null;
}
