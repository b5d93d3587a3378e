import { and, asc, count, eq, isNull } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import {
  activationTokens,
  jurisdictions,
  memberships,
  sectors,
  tenants,
  unitKinds,
  units,
  users,
} from "../../db/schema.ts";
import type { JurisdictionRow } from "../domain/division-tree.ts";
import { DEFAULT_SECTORS, DEFAULT_TENANT_SETTINGS, DEFAULT_UNIT_KINDS } from "../domain/tenant-defaults.ts";
import type { TenantStatus } from "../domain/vocabulary.ts";
import { chunkedInsert } from "./chunk.ts";
import { type Db, newId } from "./db.ts";
import { headlineStatements } from "./public-awards.ts";

/**
 * Public: the offices that are live, for the landing page and the tenant picker, with their headline numbers
 * (titles held today, notices taking objections today) read in the same batch.
 */
export async function listActiveTenants(db: Db, today: string) {
  const [rows, current, open] = await db.batch([
    db
      .select({ id: tenants.id, slug: tenants.slug, name: tenants.name })
      .from(tenants)
      .where(eq(tenants.status, "active"))
      .orderBy(asc(tenants.slug)),
    ...headlineStatements(db, today),
  ]);
  const currentBy = new Map(current.map((r) => [r.tenantId, r.n]));
  const openBy = new Map(open.map((r) => [r.tenantId, r.n]));
  return rows.map(({ id, ...tenant }) => ({
    ...tenant,
    current: currentBy.get(id) ?? 0,
    openNotices: openBy.get(id) ?? 0,
  }));
}

/** Public profile of one office; a suspended office shows only that it is unavailable. */
export function findTenantBySlug(db: Db, slug: string) {
  return db.select().from(tenants).where(eq(tenants.slug, slug)).get();
}

/** Platform view: every office, suspended ones included, with its size. */
export async function listAllTenants(db: Db) {
  const [rows, unitCounts, memberCounts] = await db.batch([
    db.select().from(tenants).orderBy(asc(tenants.slug)),
    db.select({ tenantId: units.tenantId, n: count() }).from(units).groupBy(units.tenantId),
    db.select({ tenantId: memberships.tenantId, n: count() }).from(memberships).groupBy(memberships.tenantId),
  ]);
  const unitsBy = new Map(unitCounts.map((r) => [r.tenantId, r.n]));
  const membersBy = new Map(memberCounts.map((r) => [r.tenantId, r.n]));
  return rows.map((t) => ({
    slug: t.slug,
    name: t.name,
    status: t.status,
    createdAt: t.createdAt,
    units: unitsBy.get(t.id) ?? 0,
    members: membersBy.get(t.id) ?? 0,
  }));
}

/** Deterministic per tenant and division code, so seeds and re-imports address the same node. */
export const jurisdictionId = (slug: string, code: string) => `${slug}-j-${code}`;

/** Insert values for a tenant's jurisdiction rows, parents and cities addressed by deterministic ids. */
export function jurisdictionValues(tenant: { id: string; slug: string }, rows: JurisdictionRow[]) {
  const id = (code: string) => jurisdictionId(tenant.slug, code);
  return rows.map((row) => ({
    id: id(row.code),
    tenantId: tenant.id,
    parentId: row.parentCode ? id(row.parentCode) : null,
    cityId: row.cityCode ? id(row.cityCode) : null,
    code: row.code,
    name: row.name,
    level: row.level,
    path: row.path,
    sort: row.sort,
  }));
}

export const sectorId = (slug: string, code: string) => `${slug}-sector-${code}`;
export const unitKindId = (slug: string, code: string) => `${slug}-kind-${code}`;

/** The default sector and unit-kind rows of a new office. */
export function defaultClassificationRows(tenant: { id: string; slug: string }) {
  return {
    sectors: DEFAULT_SECTORS.map(([code, name], sort) => ({
      id: sectorId(tenant.slug, code),
      tenantId: tenant.id,
      code,
      name,
      sort,
    })),
    unitKinds: DEFAULT_UNIT_KINDS.map(([code, name], sort) => ({
      id: unitKindId(tenant.slug, code),
      tenantId: tenant.id,
      code,
      name,
      sort,
    })),
  };
}

export interface NewTenant {
  slug: string;
  name: string;
  rows: JurisdictionRow[];
  admin: { email: string | null; displayName: string };
  activation: { tokenId: string; expiresAt: string; createdBy: string };
}

/**
 * Everything a new office needs, as statements for one atomic batch: the tenant, its jurisdiction tree,
 * default sectors and kinds, and a pending first admin with a one-time activation token.
 */
export function newTenantStatements(db: Db, input: NewTenant): { tenantId: string; statements: BatchItem<"sqlite">[] } {
  const tenant = { id: newId(), slug: input.slug };
  const root = input.rows[0];
  if (!root) throw new Error("a tenant needs a root jurisdiction");
  const userId = newId();
  return {
    tenantId: tenant.id,
    statements: [
      db.insert(tenants).values({
        id: tenant.id,
        slug: input.slug,
        name: input.name,
        settings: JSON.stringify(DEFAULT_TENANT_SETTINGS),
      }),
      ...chunkedInsert(db, jurisdictions, jurisdictionValues(tenant, input.rows)),
      ...chunkedInsert(db, sectors, defaultClassificationRows(tenant).sectors),
      ...chunkedInsert(db, unitKinds, defaultClassificationRows(tenant).unitKinds),
      db.insert(users).values({
        id: userId,
        email: input.admin.email,
        displayName: input.admin.displayName,
        passwordHash: null,
        status: "pending",
      }),
      db.insert(memberships).values({
        id: newId(),
        userId,
        tenantId: tenant.id,
        role: "tenant_admin",
        jurisdictionId: jurisdictionId(input.slug, root.code),
      }),
      db.insert(activationTokens).values({
        id: input.activation.tokenId,
        userId,
        tenantId: tenant.id,
        purpose: "activation",
        expiresAt: input.activation.expiresAt,
        createdBy: input.activation.createdBy,
      }),
    ],
  };
}

export function setTenantStatus(db: Db, tenantId: string, status: TenantStatus) {
  return db.update(tenants).set({ status }).where(eq(tenants.id, tenantId));
}

/** The root node of a tenant's tree. */
export function rootJurisdiction(db: Db, tenantId: string) {
  return db
    .select({ id: jurisdictions.id, code: jurisdictions.code, name: jurisdictions.name, path: jurisdictions.path })
    .from(jurisdictions)
    .where(and(eq(jurisdictions.tenantId, tenantId), isNull(jurisdictions.parentId)))
    .get();
}
