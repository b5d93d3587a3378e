import { and, asc, count, eq, inArray, isNotNull, isNull, or, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { activationTokens, jurisdictions, memberships, units, users } from "../../db/schema.ts";
import type { Paging } from "../domain/paging.ts";
import type { ManagedRole, MembershipStatus } from "../domain/vocabulary.ts";
import { type Db, newId, nowIso } from "./db.ts";
import { pageTotal } from "./page-total.ts";
import type { Role, Scope } from "./scope.ts";
import { contains } from "./text-search.ts";

export type { ManagedRole };

export interface PeopleFilters {
  q?: string | undefined;
  role?: Role | undefined;
  status?: MembershipStatus | undefined;
}

const personColumns = {
  id: memberships.id,
  userId: users.id,
  email: users.email,
  displayName: users.displayName,
  userStatus: users.status,
  role: memberships.role,
  status: memberships.status,
  department: memberships.department,
  version: memberships.version,
  createdAt: memberships.createdAt,
  jurisdictionId: jurisdictions.id,
  jurisdictionCode: jurisdictions.code,
  jurisdictionName: jurisdictions.name,
  jurisdictionLevel: jurisdictions.level,
  unitId: units.id,
  unitName: units.name,
};

/** A row of `selectPeople`: drizzle types it from the columns and the joins (left joins may be null). */
type PersonRow = Awaited<ReturnType<typeof selectPeople<Record<never, SQL>>>>[number];

function toPerson(row: PersonRow) {
  return {
    id: row.id,
    userId: row.userId,
    email: row.email,
    displayName: row.displayName,
    activated: row.userStatus !== "pending",
    role: row.role,
    status: row.userStatus === "disabled" ? ("disabled" as const) : row.status,
    department: row.department,
    version: row.version,
    createdAt: row.createdAt,
    jurisdiction:
      row.jurisdictionId && row.jurisdictionCode && row.jurisdictionName && row.jurisdictionLevel
        ? {
            id: row.jurisdictionId,
            code: row.jurisdictionCode,
            name: row.jurisdictionName,
            level: row.jurisdictionLevel,
          }
        : null,
    unit: row.unitId && row.unitName ? { id: row.unitId, name: row.unitName } : null,
  };
}

export type Person = ReturnType<typeof toPerson>;

function selectPeople<Extra extends Record<string, SQL>>(db: Db, extra: Extra = {} as Extra) {
  return db
    .select({ ...personColumns, ...extra })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(jurisdictions, eq(jurisdictions.id, memberships.jurisdictionId))
    .leftJoin(units, eq(units.id, memberships.unitId));
}

/** The tenant's members, searchable by name or email; only tenant admins reach this. */
export async function listPeople(db: Db, scope: Scope, filters: PeopleFilters, page: Paging) {
  const conditions: (SQL | undefined)[] = [eq(memberships.tenantId, scope.tenantId)];
  if (filters.role) conditions.push(eq(memberships.role, filters.role));
  if (filters.status) conditions.push(eq(memberships.status, filters.status));
  if (filters.q) {
    conditions.push(or(contains(users.displayName, filters.q), contains(users.email, filters.q.toLowerCase())));
  }
  const where = and(...conditions);
  const total = pageTotal(
    db.select({ n: count() }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(where),
  );
  const rows = await selectPeople(db, { total: total.column })
    .where(where)
    .orderBy(asc(memberships.role), asc(users.displayName), asc(memberships.id))
    .limit(page.pageSize)
    .offset(page.offset);
  return { items: rows.map(toPerson), total: await total.of(rows, page.offset) };
}

/** A member of the caller's tenant, or undefined (other tenants' ids look unknown). */
export async function getPerson(db: Db, scope: Scope, membershipId: string): Promise<Person | undefined> {
  const row = await selectPeople(db)
    .where(and(eq(memberships.tenantId, scope.tenantId), eq(memberships.id, membershipId)))
    .get();
  return row ? toPerson(row) : undefined;
}

/** Users that already hold any of these emails, anywhere on the platform. */
export async function existingEmails(db: Db, emails: string[]): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const found = new Set<string>();
  // Chunked: D1 binds at most 100 parameters per statement.
  for (let i = 0; i < emails.length; i += 90) {
    const rows = await db
      .select({ email: users.email })
      .from(users)
      .where(and(isNotNull(users.email), inArray(users.email, emails.slice(i, i + 90))));
    for (const r of rows) if (r.email) found.add(r.email);
  }
  return found;
}

/** A node of the caller's tenant by id or by division code. */
export function findJurisdiction(db: Db, scope: Scope, by: { id?: string; code?: string }) {
  const match = by.id ? eq(jurisdictions.id, by.id) : eq(jurisdictions.code, by.code ?? "");
  return db
    .select({
      id: jurisdictions.id,
      code: jurisdictions.code,
      name: jurisdictions.name,
      level: jurisdictions.level,
      parentId: jurisdictions.parentId,
    })
    .from(jurisdictions)
    .where(and(eq(jurisdictions.tenantId, scope.tenantId), match))
    .get();
}

export interface NewPerson {
  email: string;
  displayName: string;
  role: ManagedRole;
  jurisdictionId: string;
  department: string | null;
}

/** A pending user, their membership in the caller's tenant and a one-time activation token. */
export function newPersonStatements(
  db: Db,
  scope: Scope,
  person: NewPerson,
  activation: { tokenId: string; expiresAt: string },
): { membershipId: string; userId: string; statements: BatchItem<"sqlite">[] } {
  const userId = newId();
  const membershipId = newId();
  return {
    membershipId,
    userId,
    statements: [
      db.insert(users).values({
        id: userId,
        email: person.email,
        displayName: person.displayName,
        passwordHash: null,
        status: "pending",
      }),
      db.insert(memberships).values({
        id: membershipId,
        userId,
        tenantId: scope.tenantId,
        role: person.role,
        jurisdictionId: person.jurisdictionId,
        department: person.department,
      }),
      db.insert(activationTokens).values({
        id: activation.tokenId,
        userId,
        tenantId: scope.tenantId,
        purpose: "activation",
        expiresAt: activation.expiresAt,
        createdBy: scope.userId,
      }),
    ],
  };
}

/**
 * Changes a membership only if nobody changed it since `version` was read; the caller checks the
 * returned row count (0 = stale) through the batch result.
 */
export function membershipUpdate(
  db: Db,
  scope: Scope,
  membershipId: string,
  version: number,
  changes: Partial<{
    role: ManagedRole;
    jurisdictionId: string;
    department: string | null;
    status: MembershipStatus;
  }>,
) {
  return db
    .update(memberships)
    .set({ ...changes, version: version + 1 })
    .where(
      and(eq(memberships.tenantId, scope.tenantId), eq(memberships.id, membershipId), eq(memberships.version, version)),
    );
}

/** How many active tenant admins the tenant has, to refuse removing the last one. */
export async function activeAdminCount(db: Db, scope: Scope): Promise<number> {
  const row = await db
    .select({ n: count() })
    .from(memberships)
    .where(
      and(
        eq(memberships.tenantId, scope.tenantId),
        eq(memberships.role, "tenant_admin"),
        eq(memberships.status, "active"),
      ),
    )
    .get();
  return row?.n ?? 0;
}

/** A fresh one-time link for a member; any earlier unused link of theirs stops working. */
export function reissueActivationStatements(
  db: Db,
  scope: Scope,
  user: { id: string; activated: boolean },
  activation: { tokenId: string; expiresAt: string },
): BatchItem<"sqlite">[] {
  return [
    db
      .update(activationTokens)
      .set({ usedAt: nowIso() })
      .where(
        and(
          eq(activationTokens.tenantId, scope.tenantId),
          eq(activationTokens.userId, user.id),
          isNull(activationTokens.usedAt),
        ),
      ),
    db.insert(activationTokens).values({
      id: activation.tokenId,
      userId: user.id,
      tenantId: scope.tenantId,
      purpose: user.activated ? "reset" : "activation",
      expiresAt: activation.expiresAt,
      createdBy: scope.userId,
    }),
  ];
}
