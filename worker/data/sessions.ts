import { and, desc, eq, exists, fillPlaceholders, gt, ne, type Placeholder, sql } from "drizzle-orm";
import { jurisdictions, memberships, sessions, tenants, users } from "../../db/schema.ts";
import { SESSION_TTL_SECONDS } from "../domain/session-token.ts";
import { type Db, nowIso } from "./db.ts";
import type { Role, Scope } from "./scope.ts";

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  platformAdmin: boolean;
}

export interface FoundSession {
  user: SessionUser;
  scope: Scope | null;
}

/**
 * The signed-in user behind a session id, re-checked on every request (a disabled user has no session),
 * and, for a tenant's path, their scope in it: one statement, because each D1 round trip costs more
 * than these lookups do. The scope is null unless they are an active member of an active tenant of
 * that slug. Built here, run either alone or as the first statement of the request's first batch.
 */
export function sessionLookup(
  db: Db,
  sessionId: string | Placeholder,
  tenantSlug: string | Placeholder | null,
  now: string | Placeholder = nowIso(),
) {
  return db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      platformAdmin: users.platformAdmin,
      tenantId: tenants.id,
      role: memberships.role,
      jurisdictionPath: jurisdictions.path,
      unitId: memberships.unitId,
      department: memberships.department,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(tenants, and(eq(tenants.slug, tenantSlug ?? ""), eq(tenants.status, "active")))
    .leftJoin(
      memberships,
      and(eq(memberships.userId, users.id), eq(memberships.tenantId, tenants.id), eq(memberships.status, "active")),
    )
    .leftJoin(jurisdictions, eq(jurisdictions.id, memberships.jurisdictionId))
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, now), eq(users.status, "active")))
    .limit(1);
}

/** The lookup's SQL, built once per isolate: building it through drizzle costs more than running it. */
let lookupTemplate: { sql: string; params: unknown[] } | undefined;

/** The session lookup as SQL and parameters, to ride as the first statement of a request's first batch. */
export function sessionLookupStatement(db: Db, sessionId: string, tenantSlug: string | null) {
  lookupTemplate ??= sessionLookup(
    db,
    sql.placeholder("sessionId"),
    sql.placeholder("tenantSlug"),
    sql.placeholder("now"),
  ).toSQL();
  const values = { sessionId, tenantSlug: tenantSlug ?? "", now: nowIso() };
  return { sql: lookupTemplate.sql, params: fillPlaceholders(lookupTemplate.params, values) };
}

/** The lookup's row, its columns in select order, as the session it proves (undefined: no session). */
export function sessionFromValues(values: unknown[] | undefined, tenantSlug: string | null): FoundSession | undefined {
  if (!values) return undefined;
  const [id, email, displayName, platformAdmin, tenantId, role, jurisdictionPath, unitId, department] = values as [
    string,
    string | null,
    string,
    number | boolean,
    string | null,
    Role | null,
    string | null,
    string | null,
    string | null,
  ];
  // Only activated users, who always have an email, can hold a session.
  if (!email) return undefined;
  const user = { id, email, displayName, platformAdmin: Boolean(platformAdmin) };
  const scope =
    tenantSlug && tenantId && role
      ? { tenantId, tenantSlug, userId: id, role, jurisdictionPath, unitId, department: department ?? null }
      : null;
  return { user, scope };
}

export async function findSession(
  db: Db,
  sessionId: string,
  tenantSlug: string | null,
): Promise<FoundSession | undefined> {
  const [values] = await sessionLookup(db, sessionId, tenantSlug).values();
  return sessionFromValues(values, tenantSlug);
}

export function sessionInsert(
  db: Db,
  session: { id: string; userId: string; ip: string | null; userAgent: string | null },
) {
  const expiresAt = new Date(Date.now() + SESSION_TTL_SECONDS * 1000).toISOString();
  return db.insert(sessions).values({ ...session, expiresAt });
}

export function sessionDelete(db: Db, sessionId: string) {
  return db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** A user's live sessions, newest first, for "where am I signed in". */
export function listUserSessions(db: Db, userId: string) {
  return db
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      expiresAt: sessions.expiresAt,
      ip: sessions.ip,
      userAgent: sessions.userAgent,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, nowIso())))
    .orderBy(desc(sessions.createdAt));
}

/** Ends one of the user's own sessions; other users' session ids match nothing. */
export function ownSessionDelete(db: Db, userId: string, sessionId: string) {
  return db.delete(sessions).where(and(eq(sessions.userId, userId), eq(sessions.id, sessionId)));
}

/**
 * Ends a member's sessions only if the guarded deactivation of their membership (`version` → `version + 1`)
 * just happened: it runs in the same batch, after the guard.
 */
export function sessionsEndIfDeactivated(
  db: Db,
  scope: Scope,
  member: { membershipId: string; userId: string; version: number },
) {
  const deactivated = db
    .select({ id: memberships.id })
    .from(memberships)
    .where(
      and(
        eq(memberships.tenantId, scope.tenantId),
        eq(memberships.id, member.membershipId),
        eq(memberships.version, member.version + 1),
        eq(memberships.status, "disabled"),
      ),
    );
  return db.delete(sessions).where(and(eq(sessions.userId, member.userId), exists(deactivated)));
}

/** Ends every other session of the user, e.g. after a password change. */
export function otherSessionsDelete(db: Db, userId: string, keepSessionId: string) {
  return db.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)));
}

export function userPasswordHash(db: Db, userId: string) {
  return db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).get();
}

export function userPasswordUpdate(db: Db, userId: string, passwordHash: string) {
  return db.update(users).set({ passwordHash }).where(eq(users.id, userId));
}
