// The titles part of the "province scale" benchmark tenant, for the public awarded-units page (DESIGN.md §5): the
// scale Anhui's 12th provincial term named (1,629 units, DOMAIN.md), here 1,800 provincial titles of the current
// term and 1,500 of the last (expired) one, a national tier among them, a few warned and revoked, each with its
// history row. Written straight into the SQLite file by seed-scale.ts, inside its one transaction.
import { termText, titleTerm } from "../../worker/domain/title-term.ts";

export const TITLES = { current: 1800, past: 1500, national: 60 } as const;

interface Unit {
  id: string;
  status: string;
}

export function generateTitles(
  insert: (table: string, row: Record<string, unknown>) => void,
  ctx: { tenantId: string; units: readonly Unit[]; random: () => number; adminUserId: string; now: Date },
): { counts: Record<string, number>; currentTerm: string } {
  const { tenantId, random } = ctx;
  const year = ctx.now.getUTCFullYear();
  const current = titleTerm(`${year - 1}-12-20`, 3);
  const past = titleTerm(`${year - 4}-12-20`, 3);
  const active = ctx.units.filter((u) => u.status === "active");
  const counts: Record<string, number> = { awards: 0, award_events: 0 };
  const title = (
    unit: Unit,
    level: "province" | "national",
    term: typeof current,
    namedOn: string,
    status: "active" | "warned" | "revoked",
  ) => {
    const id = `${unit.id}-t-${level}-${term.termStartYear}`;
    const publicReason =
      status === "warned" ? "年度复查未达标，限期整改" : status === "revoked" ? "发生较大安全生产事故" : null;
    insert("awards", {
      id,
      tenantId,
      unitId: unit.id,
      level,
      ...term,
      namedOn,
      status,
      documentRef: `川文明委〔${term.termStartYear}〕${level === "national" ? 1 : 8}号`,
      warningDeadline: status === "warned" ? `${year}-12-31` : null,
      publicReason,
      createdBy: ctx.adminUserId,
    });
    insert("award_events", {
      id: `${id}-e1`,
      tenantId,
      awardId: id,
      unitId: unit.id,
      kind: "named",
      effectiveOn: namedOn,
      actorUserId: ctx.adminUserId,
    });
    counts.awards = (counts.awards ?? 0) + 1;
    counts.award_events = (counts.award_events ?? 0) + 1;
    if (status !== "active") {
      insert("award_events", {
        id: `${id}-e2`,
        tenantId,
        awardId: id,
        unitId: unit.id,
        kind: status,
        publicReason,
        deadline: status === "warned" ? `${year}-12-31` : null,
        effectiveOn: `${year}-06-30`,
        actorUserId: ctx.adminUserId,
      });
      counts.award_events = (counts.award_events ?? 0) + 1;
    }
  };
  // A unit holds at most one title per level and term: draw without replacement (Fisher–Yates).
  const shuffled = [...active];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j] as Unit, shuffled[i] as Unit];
  }
  shuffled.slice(0, TITLES.current).forEach((unit, i) => {
    const r = random();
    title(unit, "province", current, `${year - 1}-12-20`, r < 0.01 ? "revoked" : r < 0.03 ? "warned" : "active");
    if (i < TITLES.national) title(unit, "national", current, `${year - 1}-11-15`, "active");
  });
  for (const unit of shuffled.slice(TITLES.current - 700, TITLES.current - 700 + TITLES.past))
    title(unit, "province", past, `${year - 4}-12-20`, "active");
  return { counts, currentTerm: termText(current) };
}
