import { app, RERUN_HEADER } from "./app.ts";
import { createDb } from "./data/db.ts";
import { fillNameInitials } from "./data/name-initials.ts";
import type { Bindings } from "./env.ts";
import { retryWithoutHint } from "./middleware/session.ts";

export type { AppType } from "./app.ts";

/**
 * A request that ran on a session hint the database contradicted (a revoked session, a changed role) ran
 * no write and released nothing: it runs once more, looking its session up first.
 */
export default {
  async fetch(request: Request, env: Bindings, ctx: ExecutionContext): Promise<Response> {
    const again = request.method === "GET" || request.method === "HEAD" ? null : (request.clone() as Request);
    const response = await app.fetch(request, env, ctx);
    if (!response.headers.has(RERUN_HEADER)) return response;
    return app.fetch(retryWithoutHint(new Request(again ?? request)), env, ctx);
  },
  /** The scheduled trigger (wrangler.toml `crons`): upkeep that no request does. */
  async scheduled(_controller: ScheduledController, env: Bindings, ctx: ExecutionContext): Promise<void> {
    ctx.waitUntil(fillNameInitials(createDb(env.DB)));
  },
} satisfies ExportedHandler<Bindings>;
