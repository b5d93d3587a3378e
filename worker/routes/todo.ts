// What waits for the caller: forms to score, sign-offs to give, decisions due
import { createRoute } from "@hono/zod-openapi";
import type { Db } from "../data/db.ts";
import { countsFrom } from "../data/phase-checks.ts";
import type { Scope } from "../data/scope.ts";
import {
  changesToApprove,
  conflictsToDecide,
  decisionsDue,
  formsToScore,
  objectionsOpen,
  openRounds,
  roundBlockers,
  roundIntake,
  shortPanels,
  signoffsToGive,
  unitCoverageGaps,
  unitDrafts,
  unitItemsMissing,
  unitMutualPending,
  unitReturned,
  unitsPending,
} from "../data/todo.ts";
import { BLOCKER_SAMPLE, daysUntil, phaseBlockers, phaseDueDate } from "../domain/phase-checks.ts";
import { beijingToday } from "../domain/record-rules.ts";
import type { Phase } from "../domain/vocabulary.ts";
import { createRouter } from "../router.ts";
import { errorResponses, jsonResponse, TenantParams } from "../schemas/common.ts";
import { RoundSettings } from "../schemas/rounds.ts";
import { TODO_KINDS, TodoList } from "../schemas/scoring.ts";

const list = createRoute({
  method: "get",
  path: "/todo",
  tags: ["todo"],
  summary:
    "What waits for the caller, with counts and the phase's end date: units pending approval (reviewers and the office, not tied to a round); in the open rounds forms to score, decisions and score changes (reviewers), sign-offs (departments), decisions, objections, conflicts, short panels, phase blockers and each round's intake (the office), drafts, returned applications, items missing before submission and criteria items with nothing linked (unit staff)",
  request: { params: TenantParams },
  responses: { 200: jsonResponse("To-dos", TodoList), ...errorResponses(401, 404) },
});

type Kind = (typeof TODO_KINDS)[number];

/** The kinds of work each role has, and the statement counting each per round. */
function workFor(db: Db, scope: Scope) {
  const work: Array<{
    kind: Kind;
    statement: ReturnType<typeof formsToScore> | ReturnType<typeof unitMutualPending>;
  }> = [];
  if (scope.role === "reviewer")
    work.push(
      { kind: "score_forms", statement: formsToScore(db, scope) },
      { kind: "decisions", statement: decisionsDue(db, scope) },
      { kind: "score_changes", statement: changesToApprove(db, scope) },
    );
  if (scope.role === "department") work.push({ kind: "signoffs", statement: signoffsToGive(db, scope) });
  if (scope.role === "tenant_admin")
    work.push(
      { kind: "decisions", statement: decisionsDue(db, scope) },
      { kind: "objections", statement: objectionsOpen(db, scope) },
      { kind: "conflicts", statement: conflictsToDecide(db, scope) },
      { kind: "short_panels", statement: shortPanels(db, scope) },
      { kind: "round_intake", statement: roundIntake(db, scope) },
    );
  if (scope.role === "unit_staff")
    work.push(
      { kind: "drafts", statement: unitDrafts(db, scope) },
      { kind: "returned", statement: unitReturned(db, scope) },
      { kind: "items_missing", statement: unitItemsMissing(db, scope) },
      { kind: "coverage_gaps", statement: unitCoverageGaps(db, scope) },
      { kind: "mutual_pending", statement: unitMutualPending(db, scope) },
    );
  return work;
}

/** Kinds listed even at zero: a round's intake tells the office its phase and days left before anything is in. */
const SHOWN_AT_ZERO: ReadonlySet<Kind> = new Set(["round_intake"]);

type CountRows = Array<Awaited<ReturnType<typeof formsToScore>>[number] & { dueDate?: string }>;
type BlockerRows = Awaited<ReturnType<typeof roundBlockers>>;

type UnitRows = Awaited<ReturnType<typeof unitsPending>>;

export const todoRoutes = createRouter().openapi(list, async (c) => {
  const { db, scope } = c.var;
  const work = workFor(db, scope);
  const admin = scope.role === "tenant_admin";
  // Reviewers and the office approve registrations in their scope (worker/routes/unit-review.ts).
  const approvesUnits = admin || scope.role === "reviewer";
  const [roundRows, ...results] = (await db.batch([
    openRounds(db, scope),
    ...(approvesUnits ? [unitsPending(db, scope)] : []),
    ...(admin ? [roundBlockers(db, scope)] : []),
    ...work.map((w) => w.statement),
  ] as unknown as Parameters<typeof db.batch>[0])) as unknown as [
    Awaited<ReturnType<typeof openRounds>>,
    ...Array<CountRows | BlockerRows | UnitRows>,
  ];
  const today = beijingToday(new Date());
  const rounds = new Map(
    roundRows.map((r) => {
      const settings = RoundSettings.parse(JSON.parse(r.settings));
      const phase = r.phase as Phase;
      const dueDate = phaseDueDate(phase, settings.dates);
      return [r.id, { round: { id: r.id, title: r.title, phase }, dueDate, daysLeft: daysUntil(today, dueDate) }];
    }),
  );
  const outsideRounds = [];
  if (approvesUnits) {
    const count = ((results.shift() ?? []) as UnitRows)[0]?.count ?? 0;
    if (count > 0) outsideRounds.push({ kind: "units_pending" as const, count });
  }
  const items = [];
  if (admin) {
    for (const row of (results.shift() ?? []) as BlockerRows) {
      const open = rounds.get(row.roundId);
      if (!open) continue;
      const blockers = phaseBlockers(open.round.phase, countsFrom([row]));
      if (blockers.length === 0) continue;
      items.push({ kind: "blockers" as const, ...open, count: blockers.reduce((n, b) => n + b.count, 0), blockers });
    }
  }
  work.forEach(({ kind }, i) => {
    for (const row of (results[i] ?? []) as CountRows) {
      const open = rounds.get(row.roundId);
      if (!open || (row.count === 0 && !SHOWN_AT_ZERO.has(kind))) continue;
      const ids = (JSON.parse(row.ids) as string[]).slice(0, BLOCKER_SAMPLE);
      // Mutual assessment is due when its own window closes, not at the phase's end.
      const due = row.dueDate ? { dueDate: row.dueDate, daysLeft: daysUntil(today, row.dueDate) } : {};
      items.push({ kind, ...open, ...due, count: row.count, applicationIds: ids });
    }
  });
  const order = (kind: Kind) => TODO_KINDS.indexOf(kind);
  items.sort(
    (a, b) =>
      (a.daysLeft ?? Number.POSITIVE_INFINITY) - (b.daysLeft ?? Number.POSITIVE_INFINITY) ||
      order(a.kind) - order(b.kind),
  );
  return c.json({ today, items, outsideRounds }, 200);
});
