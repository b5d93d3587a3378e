import { createMiddleware } from "hono/factory";
import { type PublicTenantRow, publicTenantLookup } from "../data/public-cache.ts";
import { beijingToday } from "../domain/record-rules.ts";
import type { Bindings, Variables } from "../env.ts";
import { ApiError } from "../errors.ts";

/** `hit` or `miss`: whether a public read came from the edge cache. */
export const CACHE_HEADER = "X-Wenming-Cache";

/** How long the edge keeps a public read. A change retires it at once (a new version), so this only bounds space. */
export const EDGE_SECONDS = 300;

export type PublicEnv = { Bindings: Bindings; Variables: Variables & { publicTenant: PublicTenantRow } };

/**
 * The edge cache key of a public read: the path, the query parameters that matter (sorted, others dropped so
 * junk parameters cannot bypass the cache), the office's public version (a change to what the public sees
 * moves every key) and the Beijing day (titles expire and notice windows open and close by the day).
 */
export function publicCacheKey(url: string, queryKeys: readonly string[], version: number, today: string): string {
  const source = new URL(url);
  const key = new URL(source.pathname, source.origin);
  for (const name of [...queryKeys].sort()) {
    for (const value of source.searchParams.getAll(name)) key.searchParams.append(name, value);
  }
  key.searchParams.set("v", String(version));
  key.searchParams.set("d", today);
  return key.toString();
}

/**
 * A cacheable public read: resolves the office by slug (404 unless live) for the handler, answers from the
 * Workers Cache API when it can (one D1 round trip: the office), and otherwise stores the handler's 200 answer
 * after the response. Clients are still told not to store it (the app's no-store), so a change shows at once.
 * Any origin may read it (an office's own website embeds these).
 */
export const publicCache = (queryKeys: readonly string[] = []) =>
  createMiddleware<PublicEnv>(async (c, next) => {
    const [tenant] = await publicTenantLookup(c.var.db, c.req.param("tenant") ?? "");
    if (tenant?.status !== "active") throw new ApiError("not_found");
    c.set("publicTenant", tenant);
    const key = publicCacheKey(c.req.url, queryKeys, tenant.publicVersion, beijingToday(new Date()));
    // The DOM lib in tsconfig (for the SPA's shared code) hides workers-types' `caches.default`.
    const cache = (caches as unknown as { default: Cache }).default;
    const hit = await cache.match(key);
    if (hit) {
      const response = new Response(hit.body, hit);
      response.headers.delete("Cache-Control");
      response.headers.set(CACHE_HEADER, "hit");
      response.headers.set("Access-Control-Allow-Origin", "*");
      return response;
    }
    await next();
    if (c.res.status !== 200) return;
    const copy = c.res.clone();
    const stored = new Response(copy.body, {
      status: 200,
      headers: {
        "Content-Type": copy.headers.get("Content-Type") ?? "application/json",
        "Cache-Control": `public, s-maxage=${EDGE_SECONDS}`,
      },
    });
    c.executionCtx.waitUntil(cache.put(key, stored));
    c.header(CACHE_HEADER, "miss");
    c.header("Access-Control-Allow-Origin", "*");
  });
