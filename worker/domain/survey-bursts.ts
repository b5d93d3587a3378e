/**
 * What reviewers see of a unit's answers over time: answers per hour and bursts from one network.
 *
 * A burst is BURST_ANSWERS or more responses (counted or too fast alike: a script that answers too fast is what
 * we look for) from one network hash within BURST_MINUTES. Why 8 within 10 minutes: a unit's poster in a hall
 * brings a few visitors a minute at most, and a meeting room scanning together behind one office router stays
 * under that pace while a sheet passed around fills it; it is a flag for a reviewer's look, never a refusal, so it
 * errs toward showing. Networks are shown as 网络 1, 网络 2 … in order of their first burst: the hash is a keyed
 * digest of an address prefix and never leaves the Worker.
 */

export const BURST_ANSWERS = 8;
export const BURST_MINUTES = 10;
const WINDOW_MS = BURST_MINUTES * 60_000;

export interface TimedResponse {
  networkHash: string;
  /** UTC instant (ISO 8601). */
  createdAt: string;
}

export interface Burst {
  network: string;
  answers: number;
  from: string;
  to: string;
}

/** The UTC hour an instant falls in, as the hour's start ("2026-05-01T08:00:00.000Z"). */
export function hourOf(instant: string): string {
  const at = new Date(instant);
  at.setUTCMinutes(0, 0, 0);
  return at.toISOString();
}

/** Responses per UTC hour, hours with answers only, oldest first (Beijing is UTC+8: its hours are the same buckets). */
export function answersPerHour(responses: readonly Pick<TimedResponse, "createdAt">[]) {
  const counts = new Map<string, number>();
  for (const r of responses) {
    const hour = hourOf(r.createdAt);
    counts.set(hour, (counts.get(hour) ?? 0) + 1);
  }
  return [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([hour, answers]) => ({ hour, answers }));
}

/**
 * The bursts of one network's responses (oldest first): every run of BURST_ANSWERS responses within the window
 * marks them; overlapping runs merge into one burst.
 */
function networkBursts(times: readonly number[]): Array<{ first: number; last: number }> {
  const spans: Array<{ first: number; last: number }> = [];
  for (let start = 0; start + BURST_ANSWERS - 1 < times.length; start++) {
    const end = start + BURST_ANSWERS - 1;
    if ((times[end] ?? 0) - (times[start] ?? 0) > WINDOW_MS) continue;
    const open = spans.at(-1);
    if (open && start <= open.last) open.last = end;
    else spans.push({ first: start, last: end });
  }
  return spans;
}

/** Every burst of the responses, labelled by network in order of its first burst; oldest burst first. */
export function surveyBursts(responses: readonly TimedResponse[]): Burst[] {
  const byNetwork = new Map<string, number[]>();
  for (const r of responses) {
    const times = byNetwork.get(r.networkHash) ?? [];
    times.push(Date.parse(r.createdAt));
    byNetwork.set(r.networkHash, times);
  }
  const found: Array<{ hash: string; answers: number; from: number; to: number }> = [];
  for (const [hash, times] of byNetwork) {
    times.sort((a, b) => a - b);
    for (const span of networkBursts(times))
      found.push({
        hash,
        answers: span.last - span.first + 1,
        from: times[span.first] ?? 0,
        to: times[span.last] ?? 0,
      });
  }
  found.sort((a, b) => a.from - b.from || a.hash.localeCompare(b.hash));
  const labels = new Map<string, string>();
  return found.map((b) => {
    const network = labels.get(b.hash) ?? `网络 ${labels.size + 1}`;
    labels.set(b.hash, network);
    return { network, answers: b.answers, from: new Date(b.from).toISOString(), to: new Date(b.to).toISOString() };
  });
}
