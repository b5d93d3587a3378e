import { createMiddleware } from "hono/factory";

/** API answers are per user and must never sit in a shared or browser cache. */
export const noStore = () =>
  createMiddleware(async (c, next) => {
    await next();
    c.header("Cache-Control", "no-store");
  });
