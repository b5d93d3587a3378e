import { type SQL, type SQLWrapper, sql } from "drizzle-orm";

type CountQuery = SQLWrapper & PromiseLike<Array<{ n: number }>>;

/**
 * A page's total as a column of the page query itself, `(select count(*) …)`, so the page and its total
 * come back in one statement: each D1 round trip costs more than a covering-index count. The subquery is
 * uncorrelated (its tables shadow the outer query's), so SQLite evaluates it once per statement.
 */
export function pageTotal(countQuery: CountQuery): {
  column: SQL<number>;
  /** The total read off the page's rows; only a page past the end, with no rows to carry it, counts again. */
  of: (rows: Array<{ total: number }>, offset: number) => Promise<number>;
} {
  return {
    column: sql<number>`(${countQuery})`.mapWith(Number),
    of: async (rows, offset) => {
      const first = rows[0];
      if (first) return first.total;
      if (offset === 0) return 0;
      const [counted] = await countQuery;
      return counted?.n ?? 0;
    },
  };
}
