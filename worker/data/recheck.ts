import { and, eq, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { applications, awardEvents, awards, rounds, units } from "../../db/schema.ts";
import { HELD_STATUSES } from "../domain/eligibility.ts";
import { OUTCOME_EVENT, OUTCOME_FROM, OUTCOME_STATUS } from "../domain/title-outcomes.ts";
import { type Phase, TITLE_OUTCOMES, type TitleOutcome } from "../domain/vocabulary.ts";
import { type Db, nowIso } from "./db.ts";
import { type Scope, unitsInScope } from "./scope.ts";

// 复查 (re-check) rounds: current holders of the round's level are enrolled when applications open, reviewers
// record an outcome per application, and naming applies the outcomes to the titles. Every statement here is
// set-based (INSERT … SELECT, UPDATE … FROM): D1 caps bound parameters per statement, not rows.

const list = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/** `case <outcome> when 'keep' then … end` over the outcomes, each mapped by `pick`. */
function byOutcome(outcome: SQL | typeof applications.titleOutcome, pick: (o: TitleOutcome) => SQL): SQL {
  return sql`case ${outcome} ${sql.join(
    TITLE_OUTCOMES.map((o) => sql`when ${o} then ${pick(o)}`),
    sql` `,
  )} end`;
}

/** The transition table (domain/title-outcomes.ts) as SQL: the title `awards` may take the application's outcome. */
function transitionAllowed(onDay: string): SQL {
  const from = byOutcome(applications.titleOutcome, (o) => sql`${awards.status} in (${list(OUTCOME_FROM[o])})`);
  return sql`(${from}) and ${awards.validUntil} >= ${onDay}`;
}

/**
 * The enrolled applications of a named round whose outcome is still to apply. Requiring the round to be named
 * and the application not yet awarded / not awarded makes the naming statements run once, and only if the
 * naming's guarded phase change happened earlier in the same batch.
 */
function outcomeToApply(round: { id: string; tenantId: string }): SQL {
  return and(
    eq(applications.tenantId, round.tenantId),
    eq(applications.roundId, round.id),
    isNotNull(applications.awardId),
    isNotNull(applications.titleOutcome),
    sql`${applications.status} not in ('awarded', 'not_awarded')`,
    sql`exists (select 1 from ${rounds} where ${rounds.tenantId} = ${round.tenantId} and ${rounds.id} = ${round.id}
      and ${rounds.phase} = 'named')`,
  ) as SQL;
}

/**
 * What naming a re-check round does, as statements for the naming batch's `after` (run after the round became
 * `named`): each enrolled application's recorded outcome is applied to its title (status, warning deadline,
 * public reason; one award_events row each, effective on `namedOn`), then the applications become `awarded`
 * (keep, warn, restore: the unit holds its title) or `not_awarded` (revoke, lapse). A title that can no longer
 * take its outcome (changed between rounds meanwhile, or past its valid-until date) is left as it is.
 * Statements only touch the round while it is named and its applications are not yet decided, so they are safe
 * in a batch whose guard failed and never apply twice.
 */
export function recheckNamingStatements(
  db: Db,
  scope: Scope,
  round: { id: string; tenantId: string },
  namedOn: string,
  actorUserId: string,
): BatchItem<"sqlite">[] {
  if (round.tenantId !== scope.tenantId) return [];
  const pending = outcomeToApply(round);
  const allowed = transitionAllowed(namedOn);
  const publicReason = byOutcome(applications.titleOutcome, (o) =>
    o === "warn" || o === "revoke" || o === "lapse" ? sql`${applications.outcomePublicReason}` : sql`null`,
  );
  const history = db.insert(awardEvents).select(
    sql`select lower(hex(randomblob(16))), ${applications.tenantId}, ${awards.id}, ${awards.unitId},
        ${byOutcome(applications.titleOutcome, (o) => sql`${OUTCOME_EVENT[o]}`)}, ${applications.outcomeReason},
        ${publicReason}, case ${applications.titleOutcome} when 'warn' then ${applications.outcomeDeadline} end,
        ${round.id}, ${namedOn}, ${actorUserId}, ${nowIso()}
      from ${applications} join ${awards} on ${awards.tenantId} = ${applications.tenantId}
        and ${awards.id} = ${applications.awardId}
      where ${pending} and ${allowed}`,
  );
  const titles = db
    .update(awards)
    .set({
      status: sql`${byOutcome(applications.titleOutcome, (o) => (o === "keep" ? sql`${awards.status}` : sql`${OUTCOME_STATUS[o]}`))}`,
      warningDeadline: sql`${byOutcome(applications.titleOutcome, (o) =>
        o === "keep" ? sql`${awards.warningDeadline}` : o === "warn" ? sql`${applications.outcomeDeadline}` : sql`null`,
      )}`,
      publicReason: sql`${byOutcome(applications.titleOutcome, (o) =>
        o === "keep"
          ? sql`${awards.publicReason}`
          : o === "restore"
            ? sql`null`
            : sql`${applications.outcomePublicReason}`,
      )}`,
      version: sql`${awards.version} + 1`,
    })
    .from(applications)
    .where(and(eq(awards.tenantId, round.tenantId), eq(awards.id, applications.awardId), pending, allowed));
  const decided = db
    .update(applications)
    .set({
      status: sql`case when ${applications.titleOutcome} in ('keep', 'warn', 'restore') then 'awarded' else 'not_awarded' end`,
      version: sql`${applications.version} + 1`,
      updatedAt: nowIso(),
    })
    .where(pending);
  return [history, titles, decided];
}

/** Enrolled applications of a round without a recorded outcome, from `a` (an alias of applications). */
const withoutOutcome = (tenantId: string, roundId: string | SQL) => sql`from applications a
  where a.tenant_id = ${tenantId} and a.round_id = ${roundId} and a.award_id is not null and a.title_outcome is null`;

/** The count of enrolled applications without an outcome, as a column for a round's phase counts. */
export function outcomesMissingColumn(tenantId: string, roundId: string | SQL) {
  return sql<number>`(select count(*) ${withoutOutcome(tenantId, roundId)})`.mapWith(Number);
}

/** True while no enrolled application of the round lacks an outcome: for the guard of leaving notice. */
export function noOutcomeMissing(tenantId: string, roundId: string | SQL): SQL {
  return sql`not exists (select 1 ${withoutOutcome(tenantId, roundId)})`;
}

/**
 * Enrolled applications of a re-check round without a recorded outcome (one row, `count`): the round cannot
 * leave notice while there are any.
 */
export function outcomesMissing(db: Db, scope: Pick<Scope, "tenantId">, roundId: string) {
  return db
    .select({ count: sql<number>`count(*)`.mapWith(Number) })
    .from(applications)
    .where(
      and(
        eq(applications.tenantId, scope.tenantId),
        eq(applications.roundId, roundId),
        isNotNull(applications.awardId),
        isNull(applications.titleOutcome),
      ),
    );
}

/**
 * Enrols a re-check round's holders when it opens (draft → applications_open; nothing for other rounds or
 * phases): every unit in scope holding a
 * current title of the round's level on `today` (active or warned, named by then, valid until then or later) gets
 * a draft application for its latest such title, through its city. Units already in the round are skipped.
 * `moved` is the advance's "the phase changed" condition, so nothing is enrolled when the advance did not happen.
 */
export function recheckEnrollment(
  db: Db,
  scope: Scope,
  round: { id: string; level: string; kind: string; phase: Phase },
  today: string,
  moved: SQL,
): BatchItem<"sqlite">[] {
  if (round.kind !== "recheck" || round.phase !== "draft") return [];
  const current = (alias: string) =>
    sql`${sql.raw(alias)}.tenant_id = ${scope.tenantId} and ${sql.raw(alias)}.level = ${round.level}
      and ${sql.raw(alias)}.status in (${list(HELD_STATUSES)})
      and ${sql.raw(alias)}.named_on <= ${today} and ${sql.raw(alias)}.valid_until >= ${today}`;
  const at = nowIso();
  return [
    // With raw SQL, drizzle inserts into the table's columns in schema order: the select follows that order
    // (coverage '': nothing linked yet).
    db.insert(applications).select(
      sql`select lower(hex(randomblob(16))), ${scope.tenantId}, ${round.id}, ${units.id}, ${units.jurisdictionPath},
          'city', null, 'draft', null, null, w.id, null, null, null, null, null, '', 1, ${at}, ${at}
        from ${units} join awards w on w.unit_id = ${units.id} and ${current("w")}
        where ${unitsInScope(scope)} and ${moved}
          and not exists (select 1 from awards l where l.unit_id = w.unit_id and ${current("l")}
            and l.term_start_year > w.term_start_year)
          and not exists (select 1 from applications x where x.tenant_id = ${scope.tenantId}
            and x.round_id = ${round.id} and x.unit_id = ${units.id})`,
    ),
  ];
}
