import { and, asc, desc, eq, exists, gte, lte, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { programMeasures, programs, programVersions, units, users } from "../../db/schema.ts";
import { measuresOf } from "../domain/program-document.ts";
import type { ProgramDocument } from "../schemas/programs.ts";
import { insertWhere } from "./conditional.ts";
import { type Db, newId, nowIso } from "./db.ts";
import { type Scope, unitsInScope } from "./scope.ts";

const summaryColumns = {
  id: programs.id,
  unitId: programs.unitId,
  title: programs.title,
  startYear: programs.startYear,
  endYear: programs.endYear,
  targetLevel: programs.targetLevel,
  status: programs.status,
  publishedVersion: programs.publishedVersion,
  version: programs.version,
  updatedAt: programs.updatedAt,
};

type TargetLevel = ProgramDocument["targetLevel"];

function summary<T extends { targetLevel: string }>(row: T) {
  return { ...row, targetLevel: row.targetLevel as TargetLevel };
}

/** A unit's programs, newest period first (the unit itself was checked to be readable). */
export async function listPrograms(db: Db, scope: Scope, unitId: string) {
  const rows = await db
    .select(summaryColumns)
    .from(programs)
    .where(and(eq(programs.tenantId, scope.tenantId), eq(programs.unitId, unitId)))
    .orderBy(desc(programs.startYear), desc(programs.updatedAt));
  return rows.map(summary);
}

/** A program whose unit is in the caller's scope, with its working copy; undefined otherwise. */
export async function getProgram(db: Db, scope: Scope, id: string) {
  const row = await db
    .select({ ...summaryColumns, draft: programs.draft })
    .from(programs)
    .innerJoin(units, eq(units.id, programs.unitId))
    .where(and(unitsInScope(scope), eq(programs.id, id)))
    .get();
  if (!row) return undefined;
  return { ...summary(row), draft: JSON.parse(row.draft) as ProgramDocument };
}

export type ProgramRecord = NonNullable<Awaited<ReturnType<typeof getProgram>>>;

export function programInsert(db: Db, scope: Scope, unitId: string, doc: ProgramDocument) {
  const id = newId();
  return {
    id,
    statement: db.insert(programs).values({
      id,
      tenantId: scope.tenantId,
      unitId,
      title: doc.title,
      startYear: doc.startYear,
      endYear: doc.endYear,
      targetLevel: doc.targetLevel,
      draft: JSON.stringify(doc),
      updatedAt: nowIso(),
    }),
  };
}

/** Saves the working copy over the version the editor saw (0 rows changed = stale). */
export function draftUpdate(db: Db, scope: Scope, id: string, version: number, doc: ProgramDocument) {
  return db
    .update(programs)
    .set({
      title: doc.title,
      startYear: doc.startYear,
      endYear: doc.endYear,
      targetLevel: doc.targetLevel,
      draft: JSON.stringify(doc),
      version: version + 1,
      updatedAt: nowIso(),
    })
    .where(and(eq(programs.tenantId, scope.tenantId), eq(programs.id, id), eq(programs.version, version)));
}

/**
 * Publishing as one batch: the guarded program update first, then — only if it happened — the frozen
 * version and the program's published measures, replaced for the cross-unit rollups.
 */
export function publishStatements(db: Db, scope: Scope, program: ProgramRecord, publishedBy: string) {
  const number = program.publishedVersion + 1;
  const guard = db
    .update(programs)
    .set({ status: "published", publishedVersion: number, version: program.version + 1, updatedAt: nowIso() })
    .where(
      and(eq(programs.tenantId, scope.tenantId), eq(programs.id, program.id), eq(programs.version, program.version)),
    );
  const published: SQL = exists(
    db
      .select({ id: programs.id })
      .from(programs)
      .where(
        and(
          eq(programs.id, program.id),
          eq(programs.publishedVersion, number),
          eq(programs.version, program.version + 1),
        ),
      ),
  );
  const measures = measuresOf(program.draft).map((m, position) => ({
    id: newId(),
    tenantId: scope.tenantId,
    unitId: program.unitId,
    programId: program.id,
    measureKey: m.id,
    position,
    title: m.title,
    departments: JSON.stringify(m.departments),
    lead: m.lead,
    dueDate: m.dueDate,
    progress: m.progress,
    status: m.status,
  }));
  const after: BatchItem<"sqlite">[] = [
    ...insertWhere(
      db,
      programVersions,
      [
        {
          id: newId(),
          tenantId: scope.tenantId,
          programId: program.id,
          number,
          content: JSON.stringify(program.draft),
          publishedBy,
          publishedAt: nowIso(),
        },
      ],
      published,
    ),
    db.delete(programMeasures).where(and(eq(programMeasures.programId, program.id), published)),
    ...insertWhere(db, programMeasures, measures, published),
  ];
  return { number, guard, after };
}

/** The versions of a program (its unit was checked to be readable), newest first. */
export function listVersions(db: Db, scope: Scope, programId: string) {
  return db
    .select({
      number: programVersions.number,
      publishedAt: programVersions.publishedAt,
      publishedBy: users.displayName,
    })
    .from(programVersions)
    .leftJoin(users, eq(users.id, programVersions.publishedBy))
    .where(and(eq(programVersions.tenantId, scope.tenantId), eq(programVersions.programId, programId)))
    .orderBy(desc(programVersions.number));
}

export async function getVersion(db: Db, scope: Scope, programId: string, number: number) {
  const row = await db
    .select({
      number: programVersions.number,
      publishedAt: programVersions.publishedAt,
      content: programVersions.content,
    })
    .from(programVersions)
    .where(
      and(
        eq(programVersions.tenantId, scope.tenantId),
        eq(programVersions.programId, programId),
        eq(programVersions.number, number),
      ),
    )
    .orderBy(asc(programVersions.number))
    .get();
  return row ? { ...row, content: JSON.parse(row.content) as ProgramDocument } : undefined;
}

/** Whether the unit has a published program whose period covers the year (a condition of applying). */
export async function hasPublishedProgram(db: Db, scope: Scope, unitId: string, year: number): Promise<boolean> {
  const row = await db
    .select({ id: programs.id })
    .from(programs)
    .where(
      and(
        eq(programs.tenantId, scope.tenantId),
        eq(programs.unitId, unitId),
        eq(programs.status, "published"),
        lte(programs.startYear, year),
        gte(programs.endYear, year),
      ),
    )
    .get();
  return row !== undefined;
}

/** The keys of the unit's published measures, for linking them as evidence. */
export async function unitMeasureKeys(db: Db, scope: Scope, unitId: string): Promise<Set<string>> {
  const rows = await db
    .select({ key: programMeasures.measureKey })
    .from(programMeasures)
    .where(and(eq(programMeasures.tenantId, scope.tenantId), eq(programMeasures.unitId, unitId)));
  return new Set(rows.map((r) => r.key));
}
