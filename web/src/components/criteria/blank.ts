import type { CriteriaItem, VetoRule } from "../../api/criteria.ts";

/** A new item with the API's defaults, ready to edit. */
export function blankItem(code: string): CriteriaItem {
  return {
    code,
    title: "测评项",
    maxPoints: 1,
    mode: "points",
    grades: [],
    method: "material",
    guidance: "",
    evidence: { minFiles: 0, maxNoteChars: 500 },
  };
}

/** How far back a veto finding counts unless said otherwise: two years, as the published lists have it. */
export const DEFAULT_LOOKBACK_MONTHS = 24;

/** A new veto rule: the first free id V1, V2…, the usual look-back, no count threshold, text to write. */
export function blankVetoRule(existing: readonly VetoRule[]): VetoRule {
  const taken = new Set(existing.map((r) => r.id));
  let n = existing.length + 1;
  while (taken.has(`V${n}`)) n++;
  return { id: `V${n}`, text: "", lookbackMonths: DEFAULT_LOOKBACK_MONTHS, threshold: null };
}
