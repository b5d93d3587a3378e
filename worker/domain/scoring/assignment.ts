/**
 * Automatic panel assignment (自动分配评审组): fills every application's panel up to the round's panel size from
 * the reviewers allowed to score it, balancing load.
 *
 * Why this greedy order: applications with the fewest eligible reviewers go first (then by id), so the scarce
 * reviewers are not used up elsewhere before the applications that can only have them; each seat goes to the
 * least-loaded eligible reviewer (ties by id), which keeps loads within one of each other when everyone is
 * eligible. Seats already held (`existing`, the active assignments) count towards both the panel and the load,
 * so running it again only fills gaps. Deterministic: the same input in any order gives the same seats.
 */

export interface Seat {
  applicationId: string;
  reviewerId: string;
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Fills the panels. `seats` are the new seats only, in the order given; `short` lists (by id) the applications
 * left below panelSize for want of eligible reviewers, with the seats they hold now (existing + new). Existing
 * seats on applications outside `applications` still count towards their reviewer's load.
 */
export function assignPanels(input: {
  applications: readonly { id: string }[];
  reviewers: readonly { id: string }[];
  panelSize: number;
  existing: readonly Seat[];
  eligible: (applicationId: string, reviewerId: string) => boolean;
}): { seats: Seat[]; short: { applicationId: string; seats: number }[] } {
  const reviewerIds = [...new Set(input.reviewers.map((r) => r.id))].sort(byId);
  const applicationIds = [...new Set(input.applications.map((a) => a.id))];
  const load = new Map<string, number>(reviewerIds.map((id) => [id, 0]));
  const panels = new Map<string, Set<string>>(applicationIds.map((id) => [id, new Set<string>()]));
  const held = new Set<string>();
  for (const seat of input.existing) {
    const key = JSON.stringify([seat.applicationId, seat.reviewerId]);
    if (held.has(key)) continue;
    held.add(key);
    panels.get(seat.applicationId)?.add(seat.reviewerId);
    load.set(seat.reviewerId, (load.get(seat.reviewerId) ?? 0) + 1);
  }
  const candidates = new Map(
    applicationIds.map((id) => {
      const panel = panels.get(id) as Set<string>;
      return [id, reviewerIds.filter((r) => !panel.has(r) && input.eligible(id, r))];
    }),
  );
  const order = [...applicationIds].sort(
    (a, b) => (candidates.get(a) as string[]).length - (candidates.get(b) as string[]).length || byId(a, b),
  );
  const seats: Seat[] = [];
  const short: { applicationId: string; seats: number }[] = [];
  for (const applicationId of order) {
    const panel = panels.get(applicationId) as Set<string>;
    const pool = candidates.get(applicationId) as string[];
    while (panel.size < input.panelSize) {
      let best: string | undefined;
      let bestLoad = Number.POSITIVE_INFINITY;
      for (const reviewerId of pool) {
        const l = load.get(reviewerId) as number;
        if (!panel.has(reviewerId) && l < bestLoad) {
          best = reviewerId;
          bestLoad = l;
        }
      }
      if (best === undefined) break;
      panel.add(best);
      load.set(best, bestLoad + 1);
      seats.push({ applicationId, reviewerId: best });
    }
    if (panel.size < input.panelSize) short.push({ applicationId, seats: panel.size });
  }
  return { seats, short: short.sort((a, b) => byId(a.applicationId, b.applicationId)) };
}
