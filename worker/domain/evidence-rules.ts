import type { CriteriaDocument } from "../schemas/criteria.ts";

export interface ItemEvidence {
  selfPoints: number | null;
  selfGrade: string | null;
  note: string;
  links: string[];
  files: number;
}

/** One item's gaps against its evidence rule: a self-assessment, a 说明, enough files. */
export function itemGaps(
  item: CriteriaDocument["categories"][number]["items"][number],
  evidence: ItemEvidence | undefined,
): string[] {
  const gaps: string[] = [];
  const scored = item.mode === "graded" ? Boolean(evidence?.selfGrade) : evidence?.selfPoints != null;
  if (!scored) gaps.push("缺少自评分 / self-assessment missing");
  if (!evidence?.note.trim()) gaps.push("缺少说明 / 说明 (note) missing");
  if ((evidence?.files ?? 0) < item.evidence.minFiles) {
    gaps.push(
      `至少需要 ${item.evidence.minFiles} 个附件，现有 ${evidence?.files ?? 0} 个 / needs ${item.evidence.minFiles} files`,
    );
  }
  return gaps;
}

/**
 * What is missing before an application can be submitted, per base item code. Bonus and deduction
 * items are optional for the applicant: reviewers award and deduct those.
 */
export function missingEvidence(doc: CriteriaDocument, evidence: ReadonlyMap<string, ItemEvidence>) {
  const missing: Record<string, string[]> = {};
  for (const item of doc.categories.flatMap((c) => c.items)) {
    const gaps = itemGaps(item, evidence.get(item.code));
    if (gaps.length > 0) missing[item.code] = gaps;
  }
  return missing;
}

/** Completeness for reviewers' lists: how many base items meet their rule. */
export function completeness(doc: CriteriaDocument, evidence: ReadonlyMap<string, ItemEvidence>) {
  const items = doc.categories.flatMap((c) => c.items);
  const missing = missingEvidence(doc, evidence);
  return { complete: items.length - Object.keys(missing).length, required: items.length };
}
