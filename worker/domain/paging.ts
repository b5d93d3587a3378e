export const DEFAULT_PAGE_SIZE = 20;
/** Larger requests are clamped to this, never honoured: one page must stay cheap. */
export const MAX_PAGE_SIZE = 100;

export interface Paging {
  page: number;
  pageSize: number;
  offset: number;
}

export function paging(page: number | undefined, pageSize: number | undefined): Paging {
  const p = Math.max(1, Math.floor(page ?? 1));
  const size = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(pageSize ?? DEFAULT_PAGE_SIZE)));
  return { page: p, pageSize: size, offset: (p - 1) * size };
}
