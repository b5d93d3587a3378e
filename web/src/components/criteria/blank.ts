import type { CriteriaItem } from "../../api/criteria.ts";

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
