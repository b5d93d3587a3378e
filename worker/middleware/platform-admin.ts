import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../errors.ts";

/** Platform administration (creating and suspending offices) is for platform admins only. */
export const requirePlatformAdmin = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (!c.var.user) throw new ApiError("unauthenticated");
    if (!c.var.user.platformAdmin) throw new ApiError("forbidden");
    return next();
  });
