import type { Db } from "./data/db.ts";
import type { RequestD1 } from "./data/request-d1.ts";
import type { Scope } from "./data/scope.ts";
import type { SessionUser } from "./data/sessions.ts";

/** Bindings declared in wrangler.toml. */
export interface Bindings {
  DB: D1Database;
  FILES: R2Bucket;
  ASSETS: Fetcher;
  ENVIRONMENT?: string;
}

/** Per-request values set by middleware, in the order they run. */
export interface Variables {
  /** This request's view of the D1 binding (round trips, session check); queries go through `db`. */
  d1: RequestD1;
  db: Db;
  user: SessionUser | null;
  sessionId: string | null;
  /** The user's scope in the tenant named by the path, if any (set by `session()`). */
  pathScope: Scope | null;
  /** The checked scope, on tenant routes only (set by `tenantScope()`). */
  scope: Scope;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: Variables;
}
