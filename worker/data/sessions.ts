import { and, eq, gt } from "drizzle-orm";
import { sessions, users } from "../../db/schema.ts";
import { SESSION_TTL_SECONDS } from "../domain/session-token.ts";
import { type Db, nowIso } from "./db.ts";

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  platformAdmin: boolean;
}

/** The signed-in user behind a session id, re-checked on every request: a disabled user has no session. */
export function findSessionUser(db: Db, sessionId: string): Promise<SessionUser | undefined> {
  return db
    .select({ id: users.id, email: users.email, displayName: users.displayName, platformAdmin: users.platformAdmin })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, nowIso()), eq(users.status, "active")))
    .get();
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
