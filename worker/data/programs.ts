import { and, desc, eq, exists, gte, lte, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { programMeasures, programs, programVersions, units, users } from "../../db/schema.ts";
import { measuresOf } from "../domain/program-document.ts";
import type { ProgramDocument } from "../schemas/programs.ts";
import { insertWhere } from "./conditional.ts";
import { type Db, newId, nowIso } from "./db.ts";
import { type Scope, unitsInScope } from "./scope.ts";
import type { UnitRef } from "./unit-access.ts";

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

/** A row of `listPrograms` as the API shows it. */
export function programSummary<T extends { targetLevel: string }>(row: T) {
  return { ...row, targetLevel: row.targetLevel as TargetLevel };
}

/** A unit's programs, newest period first: a statement for the route's batch, empty outside the ref's scope. */
export function listPrograms(db: Db, unit: UnitRef) {
  return db
    .select(summaryColumns)
    .from(programs)
    .where(and(eq(programs.tenantId, unit.tenantId), eq(programs.unitId, unit.id), unit.inScope))
    .orderBy(desc(programs.startYear), desc(programs.updatedAt));
}

/**
 * True only while the program's unit is in the caller's tenant and scope: what every query reaching a
 * program's material by its id carries, so a bare id never reaches another scope's program.
 */
function programInScope(db: Db, scope: Scope, programId: string): SQL {
  return exists(
    db
      .select({ id: programs.id })
      .from(programs)
      .innerJoin(units, eq(units.id, programs.unitId))
      .where(and(unitsInScope(scope), eq(programs.tenantId, scope.tenantId), eq(programs.id, programId))),
  );
}

/** A program whose unit is in the caller's scope, with its working copy, as a statement for a batch. */
export function programLookup(db: Db, scope: Scope, id: string) {
  return db
    .select({ ...summaryColumns, draft: programs.draft, unitStatus: units.status })
    .from(programs)
    .innerJoin(units, eq(units.id, programs.unitId))
    .where(and(unitsInScope(scope), eq(programs.tenantId, scope.tenantId), eq(programs.id, id)))
    .limit(1);
}

/** The program `programLookup` found, with its unit's status (which writes check), or undefined. */
export function programOf(rows: Awaited<ReturnType<typeof programLookup>>) {
  const [row] = rows;
  if (!row) return undefined;
  const { unitStatus, draft, ...summary } = row;
  return {
    program: { ...programSummary(summary), draft: JSON.parse(draft) as ProgramDocument },
    unit: { id: row.unitId, status: unitStatus },
  };
}

export type ProgramRecord = NonNullable<ReturnType<typeof programOf>>["program"];

export function programInsert(db: Db, unit: UnitRef, doc: ProgramDocument) {
  const id = newId();
  return {
    id,
    statement: db.insert(programs).values({
      id,
      tenantId: unit.tenantId,
      unitId: unit.id,
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
          eq(programs.tenantId, scope.tenantId),
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
    db
      .delete(programMeasures)
      .where(and(eq(programMeasures.tenantId, scope.tenantId), eq(programMeasures.programId, program.id), published)),
    ...insertWhere(db, programMeasures, measures, published),
  ];
  return { number, guard, after };
}

/** The versions of a program whose unit is in the caller's scope, newest first (none otherwise). */
export function listVersions(db: Db, scope: Scope, programId: string) {
  return db
    .select({
      number: programVersions.number,
      publishedAt: programVersions.publishedAt,
      publishedBy: users.displayName,
    })
    .from(programVersions)
    .leftJoin(users, eq(users.id, programVersions.publishedBy))
    .where(
      and(
        eq(programVersions.tenantId, scope.tenantId),
        eq(programVersions.programId, programId),
        programInScope(db, scope, programId),
      ),
    )
    .orderBy(desc(programVersions.number));
}

/** One published version of a program whose unit is in the caller's scope, as a statement for a batch. */
export function getVersion(db: Db, scope: Scope, programId: string, number: number) {
  return db
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
        programInScope(db, scope, programId),
      ),
    )
    .limit(1);
}

/** The version `getVersion` found, its content parsed, or undefined. */
export function versionOf(rows: Awaited<ReturnType<typeof getVersion>>) {
  const [row] = rows;
  return row ? { ...row, content: JSON.parse(row.content) as ProgramDocument } : undefined;
}

/**
 * The unit's published program covering `year` (a number, or a subquery such as a round's year), as a
 * statement for a batch: a row if there is one.
 */
export function publishedProgramFor(db: Db, unit: UnitRef, year: number | SQL) {
  return db
    .select({ id: programs.id })
    .from(programs)
    .where(
      and(
        eq(programs.tenantId, unit.tenantId),
        eq(programs.unitId, unit.id),
        eq(programs.status, "published"),
        lte(programs.startYear, year),
        gte(programs.endYear, year),
        unit.inScope,
      ),
    )
    .limit(1);
}

/** The keys of the unit's published measures, for linking them as evidence. */
export function unitMeasureKeys(db: Db, unit: UnitRef) {
  return db
    .select({ key: programMeasures.measureKey })
    .from(programMeasures)
    .where(and(eq(programMeasures.tenantId, unit.tenantId), eq(programMeasures.unitId, unit.id), unit.inScope));
}
