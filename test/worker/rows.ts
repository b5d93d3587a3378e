import { env } from "cloudflare:workers";

/** The `n` of a `select count(*) n …` against the test file's D1, for "nothing was written" checks. */
export async function count(sql: string, ...binds: string[]): Promise<number> {
  const row = await env.DB.prepare(sql)
    .bind(...binds)
    .first<{ n: number }>();
  return row?.n ?? 0;
}
