/** The history list's filters and page as they live in the URL; malformed values are dropped. */
export interface AuditSearch {
  action?: string;
  targetType?: string;
  page?: number;
}

const CODE = /^[a-z][a-z0-9_.-]{0,59}$/;

export function validateAuditSearch(raw: Record<string, unknown>): AuditSearch {
  const search: AuditSearch = {};
  if (typeof raw.action === "string" && CODE.test(raw.action)) search.action = raw.action;
  if (typeof raw.targetType === "string" && CODE.test(raw.targetType)) search.targetType = raw.targetType;
  const page = Number(raw.page);
  if (Number.isInteger(page) && page > 1 && page <= 100_000) search.page = page;
  return search;
}
