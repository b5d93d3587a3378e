import { createMiddleware } from "hono/factory";
import { counterUpsert, readCounters } from "../data/throttle.ts";
import { afterFailure, lockedForSeconds, throttleKey } from "../domain/throttle.ts";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../errors.ts";

/**
 * Rate limit for a public form: every submission counts against the caller's IP, before validation,
 * so that garbage costs the sender as much as a well-formed request does.
 */
export const publicFormLimit = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const db = c.var.db;
    const key = throttleKey("registration", c.req.header("cf-connecting-ip") ?? "unknown");
    const now = new Date();
    const counter = (await readCounters(db, [key])).get(key);
    const wait = lockedForSeconds("registration", counter, now);
    if (wait > 0) throw new ApiError("too_many_attempts", { headers: { "Retry-After": String(wait) } });
    await db.batch([counterUpsert(db, key, afterFailure("registration", counter, now))]);
    return next();
  });
