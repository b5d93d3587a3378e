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
  openRounds,
  roundBlockers,
  shortPanels,
  signoffsToGive,
  unitCoverageGaps,
  unitDrafts,
  unitMutualPending,
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
    "What waits for the caller in the open rounds, with counts and the phase's end date: forms to score, decisions and score changes (reviewers), sign-offs (departments), conflicts, short panels and phase blockers (the office), drafts and criteria items with nothing linked (unit staff)",
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
      { kind: "conflicts", statement: conflictsToDecide(db, scope) },
      { kind: "short_panels", statement: shortPanels(db, scope) },
    );
  if (scope.role === "unit_staff")
    work.push(
      { kind: "drafts", statement: unitDrafts(db, scope) },
      { kind: "coverage_gaps", statement: unitCoverageGaps(db, scope) },
      { kind: "mutual_pending", statement: unitMutualPending(db, scope) },
    );
  return work;
}

type CountRows = Array<Awaited<ReturnType<typeof formsToScore>>[number] & { dueDate?: string }>;
type BlockerRows = Awaited<ReturnType<typeof roundBlockers>>;

export const todoRoutes = createRouter().openapi(list, async (c) => {
  const { db, scope } = c.var;
  const work = workFor(db, scope);
  const admin = scope.role === "tenant_admin";
  const [roundRows, ...results] = (await db.batch([
    openRounds(db, scope),
    ...(admin ? [roundBlockers(db, scope)] : []),
    ...work.map((w) => w.statement),
  ] as unknown as Parameters<typeof db.batch>[0])) as unknown as [
    Awaited<ReturnType<typeof openRounds>>,
    ...Array<CountRows | BlockerRows>,
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
      if (!open || row.count === 0) continue;
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
  return c.json({ today, items }, 200);
});
