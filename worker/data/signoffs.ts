import { and, eq, exists, inArray, sql } from "drizzle-orm";
import { rounds, signoffs, users } from "../../db/schema.ts";
import { allowedIn } from "../domain/round-phase.ts";
import { PHASES, type SignoffVerdict } from "../domain/vocabulary.ts";
import { type Db, newId, nowIso } from "./db.ts";
import type { Scope } from "./scope.ts";
import type { ApplicationRef } from "./unit-access.ts";

// 部门意见: one row per application and department, written by that department's accounts. What naming needs
// later (next issue) is all here: the round lists the required departments, these rows the clear or veto each
// gave; a veto also marks the application's results vetoed (resultRefresh reads these rows).

/** The sign-offs given on an application, with who gave them. */
export function signoffsOf(db: Db, app: ApplicationRef) {
  return db
    .select({
      department: signoffs.department,
      verdict: signoffs.verdict,
      reason: signoffs.reason,
      userId: signoffs.userId,
      userName: users.displayName,
      at: signoffs.updatedAt,
    })
    .from(signoffs)
    .innerJoin(users, eq(users.id, signoffs.userId))
    .where(and(eq(signoffs.tenantId, app.tenantId), eq(signoffs.applicationId, app.id), app.inScope))
    .orderBy(signoffs.department);
}

export type SignoffRow = Awaited<ReturnType<typeof signoffsOf>>[number];

/** Phases in which a sign-off may be given or changed (see round-phase.ts). */
const SIGNOFF_PHASES = PHASES.filter((p) => allowedIn("signoff_application", p));

/**
 * The caller's department's sign-off on the application, inserted or replaced — only while the application is in
 * the caller's scope and its round still in a sign-off phase, both checked as it writes (0 rows: refused).
 */
export function signoffUpsert(
  db: Db,
  scope: Scope,
  app: ApplicationRef,
  roundId: string,
  verdict: { department: string; verdict: SignoffVerdict; reason: string | null },
) {
  const at = nowIso();
  const phaseOpen = exists(
    db
      .select({ id: rounds.id })
      .from(rounds)
      .where(and(eq(rounds.tenantId, app.tenantId), eq(rounds.id, roundId), inArray(rounds.phase, SIGNOFF_PHASES))),
  );
  // With raw SQL, drizzle inserts into the table's columns in schema order: the select follows that order.
  return db
    .insert(signoffs)
    .select(
      sql`select ${newId()}, ${app.tenantId}, ${roundId}, ${app.id}, ${verdict.department}, ${scope.userId},
        ${verdict.verdict}, ${verdict.reason}, 1, ${at}, ${at}
        where ${app.inScope} and ${phaseOpen}`,
    )
    .onConflictDoUpdate({
      target: [signoffs.applicationId, signoffs.department],
      set: {
        verdict: verdict.verdict,
        reason: verdict.reason,
        userId: scope.userId,
        version: sql`${signoffs.version} + 1`,
        updatedAt: at,
      },
    });
}

/**
 * Every department the round requires, with its sign-off or none, then any other department's sign-off still on
 * record (a department dropped from the list keeps its word, a veto included).
 */
export function signoffView(app: ApplicationRef, required: readonly string[], rows: readonly SignoffRow[]) {
  const byDepartment = new Map(rows.map((r) => [r.department, r]));
  const departments = [...required, ...rows.map((r) => r.department).filter((d) => !required.includes(d))];
  const items = departments.map((department) => {
    const row = byDepartment.get(department);
    return {
      department,
      verdict: row?.verdict ?? null,
      reason: row?.reason ?? null,
      by: row ? { id: row.userId, name: row.userName } : null,
      at: row?.at ?? null,
    };
  });
  return {
    applicationId: app.id,
    items,
    missing: required.filter((d) => byDepartment.get(d)?.verdict !== "clear"),
    vetoed: rows.some((r) => r.verdict === "veto"),
  };
}
