/**
 * How large a criteria system may be: the schema (schemas/criteria.ts) and the XLSX reader's sheet limits
 * (domain/criteria-xlsx.ts) both take these.
 */
export const CRITERIA_LIMITS = {
  categories: 30,
  itemsPerCategory: 40,
  bonusItems: 30,
  deductionItems: 30,
  vetoRules: 40,
} as const;
