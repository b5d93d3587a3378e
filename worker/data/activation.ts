import { and, eq, exists, gt, isNull } from "drizzle-orm";
import { activationTokens, tenants, users } from "../../db/schema.ts";
import { type Db, nowIso } from "./db.ts";

/** An unused, unexpired token with the account it opens, or undefined. */
export function findUsableToken(db: Db, tokenId: string) {
  return db
    .select({
      tokenId: activationTokens.id,
      purpose: activationTokens.purpose,
      userId: users.id,
      email: users.email,
      displayName: users.displayName,
      userStatus: users.status,
      tenantName: tenants.name,
    })
    .from(activationTokens)
    .innerJoin(users, eq(users.id, activationTokens.userId))
    .leftJoin(tenants, eq(tenants.id, activationTokens.tenantId))
    .where(
      and(eq(activationTokens.id, tokenId), isNull(activationTokens.usedAt), gt(activationTokens.expiresAt, nowIso())),
    )
    .get();
}

/**
 * Marks the token used, guarded by `used_at is null` so that two concurrent uses cannot both succeed:
 * the caller checks that this statement changed one row.
 */
export function tokenConsume(db: Db, tokenId: string) {
  return db
    .update(activationTokens)
    .set({ usedAt: nowIso() })
    .where(and(eq(activationTokens.id, tokenId), isNull(activationTokens.usedAt)));
}

/**
 * Sets the password (and email, name) of the token's user while the token is still unused. It runs before
 * the token is consumed in the same batch, so of two concurrent uses only the first changes anything.
 */
export function userActivate(
  db: Db,
  tokenId: string,
  userId: string,
  values: { passwordHash: string; email: string; displayName: string },
) {
  const unused = db
    .select({ id: activationTokens.id })
    .from(activationTokens)
    .where(and(eq(activationTokens.id, tokenId), isNull(activationTokens.usedAt)));
  return db
    .update(users)
    .set({ ...values, status: "active" })
    .where(and(eq(users.id, userId), exists(unused)));
}

export function emailTaken(db: Db, email: string, exceptUserId: string) {
  return db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, email))
    .get()
    .then((row) => row !== undefined && row.id !== exceptUserId);
}
