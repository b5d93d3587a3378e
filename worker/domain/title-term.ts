/**
 * A title's term (届) from its naming: it starts in the naming year, or in the next one when an office names late
 * in the year for the coming term, and runs `termYears` calendar years, valid until 31 December of the last one
 * (DOMAIN.md: Anhui's three-year terms expire that way).
 */
export interface TitleTerm {
  termStartYear: number;
  termEndYear: number;
  /** YYYY-MM-DD */
  validUntil: string;
}

export function titleTerm(namedOn: string, termYears: number, startsNextYear = false): TitleTerm {
  const termStartYear = Number(namedOn.slice(0, 4)) + (startsNextYear ? 1 : 0);
  const termEndYear = termStartYear + termYears - 1;
  return { termStartYear, termEndYear, validUntil: `${termEndYear}-12-31` };
}

/** A term as the public pages write it: `2024-2026`. */
export function termText(term: { termStartYear: number; termEndYear: number }): string {
  return `${term.termStartYear}-${term.termEndYear}`;
}
