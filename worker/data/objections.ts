import { and, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { alias } from "drizzle-orm/sqlite-core";
import { applications, memberships, noticeEntries, objections, rounds, units, users } from "../../db/schema.ts";
import { type Db, nowIso } from "./db.ts";
import { applicationsInScope, type Scope } from "./scope.ts";

// 异议 as the office handles them: read in the caller's scope (through the application each objection's entry
// lists), assigned and investigated, then decided. An upheld finding takes the entry off the notice with the
// finding as the reason, and the application out of the running (a selection round) or back to no outcome (a
// re-check round).

const assignee = alias(users, "assignee");

const objectionColumns = {
  id: objections.id,
  reference: objections.reference,
  roundId: objections.roundId,
  roundPhase: rounds.phase,
  roundKind: rounds.kind,
  entryId: objections.entryId,
  applicationId: noticeEntries.applicationId,
  unitName: units.name,
  text: objections.text,
  name: objections.name,
  contact: objections.contact,
  onBehalfOfUnit: objections.onBehalfOfUnit,
  sealStatement: objections.sealStatement,
  status: objections.status,
  assigneeId: assignee.id,
  assigneeName: assignee.displayName,
  notes: objections.notes,
  finding: objections.finding,
  reply: objections.reply,
  lodgedAt: objections.lodgedAt,
  decidedAt: objections.decidedAt,
  version: objections.version,
};

function objectionSelect(db: Db, scope: Scope, where: SQL) {
  return db
    .select(objectionColumns)
    .from(objections)
    .innerJoin(noticeEntries, eq(noticeEntries.id, objections.entryId))
    .innerJoin(applications, eq(applications.id, noticeEntries.applicationId))
    .innerJoin(units, eq(units.id, noticeEntries.unitId))
    .innerJoin(rounds, eq(rounds.id, objections.roundId))
    .leftJoin(assignee, eq(assignee.id, objections.assigneeUserId))
    .where(and(eq(objections.tenantId, scope.tenantId), applicationsInScope(scope), where));
}

/** One objection the caller may see (none outside their tenant and scope), as a statement of a batch. */
export function objectionLookup(db: Db, scope: Scope, id: string) {
  return objectionSelect(db, scope, eq(objections.id, id)).limit(1);
}

/** A round's objections in the caller's scope, latest first. */
export function objectionsOfRound(db: Db, scope: Scope, roundId: string) {
  return objectionSelect(db, scope, eq(objections.roundId, roundId)).orderBy(
    desc(objections.lodgedAt),
    desc(objections.id),
  );
}

export type ObjectionRow = Awaited<ReturnType<typeof objectionLookup>>[number];

export function objectionView(row: ObjectionRow) {
  const { assigneeId, assigneeName, roundPhase: _, roundKind: __, ...rest } = row;
  return { ...rest, assignee: assigneeId ? { id: assigneeId, name: assigneeName ?? "" } : null };
}

/** Whether a user is an active reviewer (or tenant admin) of the caller's tenant: who an objection may go to. */
export function handlerLookup(db: Db, scope: Pick<Scope, "tenantId">, userId: string) {
  return db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(
      and(
        eq(memberships.tenantId, scope.tenantId),
        eq(memberships.userId, userId),
        eq(memberships.status, "active"),
        inArray(memberships.role, ["reviewer", "tenant_admin"]),
      ),
    )
    .limit(1);
}

const OPEN = ["received", "investigating"] as const;

/** Assign, start investigating, keep notes: over the version the handler saw, only while still open. */
export function objectionUpdate(
  db: Db,
  scope: Pick<Scope, "tenantId">,
  objection: { id: string; version: number },
  fields: { assigneeUserId?: string | null; investigating?: true; notes?: string },
) {
  return db
    .update(objections)
    .set({
      ...(fields.assigneeUserId !== undefined ? { assigneeUserId: fields.assigneeUserId } : {}),
      ...(fields.investigating ? { status: "investigating" as const } : {}),
      ...(fields.notes !== undefined ? { notes: fields.notes } : {}),
      version: objection.version + 1,
    })
    .where(
      and(
        eq(objections.tenantId, scope.tenantId),
        eq(objections.id, objection.id),
        eq(objections.version, objection.version),
        inArray(objections.status, OPEN),
      ),
    );
}

export interface Finding {
  result: "upheld" | "not_upheld";
  finding: string;
  reply: string | null;
}

/**
 * Records the finding: the guarded update of the objection (its version, still open, its round still in notice)
 * and, for an upheld one, written only if that update happened: the entry removed with the finding as the reason,
 * and the application not awarded (selection) or, in a re-check round, its outcome cleared. Marking a re-checked
 * application not awarded would leave its title as it is (naming applies outcomes to undecided applications
 * only); cleared, naming waits (outcomes_missing) until the office records the outcome the finding calls for.
 */
export function objectionDecision(
  db: Db,
  scope: Scope,
  objection: { id: string; version: number; entryId: string; roundId: string; roundKind: "selection" | "recheck" },
  decision: Finding,
): { guard: BatchItem<"sqlite">; after: BatchItem<"sqlite">[] } {
  const at = nowIso();
  const guard = db
    .update(objections)
    .set({
      status: decision.result,
      finding: decision.finding,
      reply: decision.reply,
      decidedAt: at,
      decidedBy: scope.userId,
      version: objection.version + 1,
    })
    .where(
      and(
        eq(objections.tenantId, scope.tenantId),
        eq(objections.id, objection.id),
        eq(objections.version, objection.version),
        inArray(objections.status, OPEN),
        sql`exists (select 1 from rounds r where r.tenant_id = ${scope.tenantId} and r.id = ${objection.roundId}
          and r.phase = 'notice')`,
      ),
    );
  if (decision.result !== "upheld") return { guard, after: [] };
  const decided = sql`exists (select 1 from objections o where o.id = ${objection.id}
    and o.version = ${objection.version + 1} and o.status = 'upheld')`;
  const undone =
    objection.roundKind === "recheck"
      ? { titleOutcome: null, outcomeReason: null, outcomePublicReason: null, outcomeDeadline: null }
      : { status: "not_awarded" as const, decisionReason: decision.finding };
  return {
    guard,
    after: [
      db
        .update(applications)
        .set({ ...undone, version: sql`${applications.version} + 1`, updatedAt: at })
        .where(
          and(
            eq(applications.tenantId, scope.tenantId),
            sql`${applications.id} = (select e.application_id from notice_entries e where e.id = ${objection.entryId}
              and e.status = 'listed')`,
            decided,
          ),
        ),
      db
        .update(noticeEntries)
        .set({ status: "removed", removedReason: decision.finding, removedAt: at })
        .where(
          and(
            eq(noticeEntries.tenantId, scope.tenantId),
            eq(noticeEntries.id, objection.entryId),
            eq(noticeEntries.status, "listed"),
            decided,
          ),
        ),
    ],
  };
}
