import { createMiddleware } from "hono/factory";

/**
 * API answers are per user and must never sit in a shared or browser cache, unless a public route
 * deliberately set its own caching (the public tenant logo, for one).
 */
export const noStore = () =>
  createMiddleware(async (c, next) => {
    await next();
    if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", "no-store");
  });
