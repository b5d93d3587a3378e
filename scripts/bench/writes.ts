// The bench's writes (DESIGN.md §5, issue 10): one reviewer's 60-item form save timed alone, then a load test —
// 50 reviewers of the tenant saving their forms at once, two tabs of one form racing from the same version, and
// 100 saves at once — that counts 2xx / 409 / 5xx, checks every accepted save is stored as sent and every refused
// one is a genuine 409 (the other tab won), and verifies the tenant's audit chain afterwards.
import type { DatabaseSync } from "node:sqlite";
import { checkChain, type StoredAuditEvent } from "../../worker/domain/audit-chain.ts";
import type { ItemScoreInput } from "../../worker/domain/scoring/form-totals.ts";
import type { Manifest } from "./seed-scale.ts";
import { ACCOUNTS } from "./seed-scale.ts";
import { benchCriteria, benchScores, EXPERTS } from "./seed-scoring.ts";

export interface Stats {
  p50: number;
  p95: number;
  raw: number[];
}

const quantile = (sorted: number[], q: number) =>
  sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number);
function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), raw: samples };
}

/** Deterministic pseudo-random numbers for the scores each save sends. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const doc = benchCriteria();
const cookieOf = (token: string) => `__Host-wm_session=${token}`;
const formUrl = (origin: string, m: Manifest, applicationId: string) =>
  `${origin}/api/t/${m.slug}/applications/${applicationId}/form`;

interface Saved {
  elapsed: number;
  status: number;
  trips: number;
  body: { version?: number; error?: { code?: string; current?: { version?: number } } };
}

async function readVersion(origin: string, m: Manifest, applicationId: string, token: string): Promise<number> {
  const res = await fetch(`${formUrl(origin, m, applicationId)}?stage=province`, {
    headers: { cookie: cookieOf(token) },
  });
  const body = (await res.json()) as { version?: number };
  if (res.status !== 200 || typeof body.version !== "number")
    throw new Error(`form of ${applicationId}: HTTP ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
  return body.version;
}

async function save(
  origin: string,
  m: Manifest,
  applicationId: string,
  token: string,
  version: number,
  items: ItemScoreInput[],
): Promise<Saved> {
  const t0 = performance.now();
  const res = await fetch(formUrl(origin, m, applicationId), {
    method: "PUT",
    headers: { cookie: cookieOf(token), "content-type": "application/json" },
    body: JSON.stringify({ stage: "province", version, items, vetoFindings: [], submit: false }),
  });
  const text = await res.text();
  const elapsed = performance.now() - t0;
  const trips = Number(/d1-round-trips;desc="(\d+)"/.exec(res.headers.get("server-timing") ?? "")?.[1] ?? Number.NaN);
  let body: Saved["body"] = {};
  try {
    body = JSON.parse(text) as Saved["body"];
  } catch {
    // a non-JSON answer (a 5xx from the runtime) is counted by its status
  }
  return { elapsed, status: res.status, trips, body };
}

export interface SaveResult {
  http: Stats;
  health: Stats;
  trips: number;
  applicationId: string;
  reviewer: string;
  items: number;
}

/** One reviewer saving one 60-item form again and again (each from the version the last save returned). */
export async function timeSave(
  origin: string,
  m: Manifest,
  opts: { n: number; warmup: number; enough: (count: number, since: number) => boolean },
): Promise<SaveResult> {
  const expert = EXPERTS[0] as (typeof EXPERTS)[number];
  const applicationId = m.scoring.seats[0]?.[0] ?? "";
  const random = rng(7);
  const variants = [0.7, 0.85].map((q) => benchScores(doc, q, random));
  let version = await readVersion(origin, m, applicationId, expert.token);
  const once = async (i: number) => {
    const r = await save(origin, m, applicationId, expert.token, version, variants[i % 2] as ItemScoreInput[]);
    if (r.status !== 200) throw new Error(`form save: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    version = r.body.version ?? version + 1;
    return r;
  };
  const health = async () => {
    const t0 = performance.now();
    await (await fetch(`${origin}/api/health`)).text();
    return performance.now() - t0;
  };
  for (let i = 0; i < Math.min(opts.warmup, 10); i++) {
    await once(i);
    await health();
  }
  const samples: number[] = [];
  const healths: number[] = [];
  let trips = Number.NaN;
  const since = performance.now();
  for (let i = 0; !opts.enough(samples.length, since); i++) {
    const r = await once(i);
    samples.push(r.elapsed);
    trips = r.trips;
    healths.push(await health());
  }
  return {
    http: stats(samples),
    health: stats(healths),
    trips,
    applicationId,
    reviewer: expert.email,
    items: variants[0]?.length ?? 0,
  };
}

export interface Wave {
  name: string;
  requests: number;
  ok: number;
  conflicts: number;
  serverErrors: number;
  other: number;
  /** Refusals that were not genuine: a 409 although no other save of that form was accepted. */
  falseConflicts: number;
  wallMs: number;
  p50: number;
  max: number;
}

export interface LoadResult {
  waves: Wave[];
  /** Accepted saves whose stored form (version, every item) differs from what was sent. */
  lost: number;
  auditEvents: { expected: number; appended: number };
  chain: { sealed: number; unsealed: number; broken: { seq: number; id: string } | null };
  summary: string;
}

interface Attempt {
  applicationId: string;
  reviewerId: string;
  items: ItemScoreInput[];
  result: Saved;
  /** The version it started from. */
  from: number;
}

/** Fires every save at once (each from the version read before), and tallies the answers. */
async function wave(
  origin: string,
  m: Manifest,
  name: string,
  plan: { expert: number; applicationId: string; tabs: number }[],
  random: () => number,
): Promise<{ wave: Wave; attempts: Attempt[] }> {
  const prepared: { expert: (typeof EXPERTS)[number]; applicationId: string; from: number; items: ItemScoreInput[] }[] =
    [];
  for (const p of plan) {
    const expert = EXPERTS[p.expert] as (typeof EXPERTS)[number];
    const from = await readVersion(origin, m, p.applicationId, expert.token);
    for (let tab = 0; tab < p.tabs; tab++)
      prepared.push({
        expert,
        applicationId: p.applicationId,
        from,
        items: benchScores(doc, 0.5 + random() * 0.45, random),
      });
  }
  const t0 = performance.now();
  const results = await Promise.all(
    prepared.map((x) => save(origin, m, x.applicationId, x.expert.token, x.from, x.items)),
  );
  const wallMs = performance.now() - t0;
  const attempts = prepared.map((x, i) => ({
    applicationId: x.applicationId,
    reviewerId: x.expert.userId,
    items: x.items,
    from: x.from,
    result: results[i] as Saved,
  }));
  const accepted = new Set(attempts.filter((a) => a.result.status === 200).map((a) => a.applicationId));
  const elapsed = stats(results.map((r) => r.elapsed));
  const count = (test: (status: number) => boolean) => results.filter((r) => test(r.status)).length;
  return {
    attempts,
    wave: {
      name,
      requests: results.length,
      ok: count((s) => s >= 200 && s < 300),
      conflicts: count((s) => s === 409),
      serverErrors: count((s) => s >= 500),
      other: count((s) => (s < 200 || s >= 300) && s !== 409 && s < 500),
      falseConflicts: attempts.filter((a) => a.result.status === 409 && !accepted.has(a.applicationId)).length,
      wallMs,
      p50: elapsed.p50,
      max: Math.max(...results.map((r) => r.elapsed)),
    },
  };
}

/** Whether the stored form is what the accepted save sent: its version and every item's points and grade. */
function stored(sqlite: DatabaseSync, a: Attempt): boolean {
  const form = sqlite
    .prepare(
      "select id, version from score_forms where application_id = ? and reviewer_user_id = ? and stage = 'province'",
    )
    .get(a.applicationId, a.reviewerId) as { id: string; version: number } | undefined;
  if (!form || form.version !== a.result.body.version) return false;
  const rows = sqlite.prepare("select item_code code, points, grade from scores where form_id = ?").all(form.id) as {
    code: string;
    points: number | null;
    grade: string | null;
  }[];
  const byCode = new Map(rows.map((r) => [r.code, r]));
  return (
    rows.length === a.items.length &&
    a.items.every((i) => byCode.get(i.itemCode)?.points === i.points && byCode.get(i.itemCode)?.grade === i.grade)
  );
}

/**
 * 50 reviewers save one of their forms at once; 25 of them save another form from two tabs at once (same
 * version: one must win, the other get a genuine 409); then 100 saves at once (50 reviewers × 2 forms). Then
 * the office's history is read (which seals the chain) and the chain is verified from the SQLite file.
 */
export async function loadTest(origin: string, m: Manifest, sqlite: DatabaseSync): Promise<LoadResult> {
  const tenantId = m.tenantId;
  const random = rng(11);
  const eventsNow = () =>
    (sqlite.prepare("select count(*) n from audit_events where chain = ?").get(tenantId) as { n: number }).n;
  const before = eventsNow();
  const seat = (expert: number, k: number) => m.scoring.seats[expert]?.[k] ?? "";
  const experts = (n: number) => Array.from({ length: n }, (_, e) => e);
  const runs = [
    await wave(
      origin,
      m,
      "50 reviewers, one form each, at once",
      experts(50).map((e) => ({ expert: e, applicationId: seat(e, 1), tabs: 1 })),
      random,
    ),
    await wave(
      origin,
      m,
      "25 reviewers, two tabs of one form, same version, at once",
      experts(25).map((e) => ({ expert: e, applicationId: seat(e, 2), tabs: 2 })),
      random,
    ),
    await wave(
      origin,
      m,
      "50 reviewers, two forms each (100 saves), at once",
      experts(50).flatMap((e) => [
        { expert: e, applicationId: seat(e, 3), tabs: 1 },
        { expert: e, applicationId: seat(e, 4), tabs: 1 },
      ]),
      random,
    ),
  ];
  const accepted = runs.flatMap((r) => r.attempts.filter((a) => a.result.status === 200));
  const lost = accepted.filter((a) => !stored(sqlite, a)).length;
  // Reading the history seals whatever is still unsealed; then the chain is checked from the file.
  const history = await fetch(`${origin}/api/t/${m.slug}/audit-events?pageSize=1`, {
    headers: { cookie: cookieOf(ACCOUNTS.admin.token) },
  });
  if (history.status !== 200) throw new Error(`audit history: HTTP ${history.status} ${await history.text()}`);
  const appended = eventsNow() - before;
  const events = sqlite
    .prepare(
      `select id, chain, tenant_id tenantId, actor_user_id actorUserId, actor_role actorRole, action,
        target_type targetType, target_id targetId, before_digest beforeDigest, after_digest afterDigest, reason,
        created_at createdAt, seq, prev_hash prevHash, hash from audit_events where chain = ?`,
    )
    .all(tenantId) as unknown as StoredAuditEvent[];
  const chain = await checkChain(events);
  const waves = runs.map((r) => r.wave);
  const total = (key: keyof Wave) => waves.reduce((n, w) => n + (w[key] as number), 0);
  const summary =
    `${total("requests")} saves: ${total("ok")} × 2xx, ${total("conflicts")} × 409 (${total("falseConflicts")} not genuine), ` +
    `${total("serverErrors")} × 5xx, ${total("other")} other; ${lost} lost; audit events ${appended} for ${accepted.length} accepted saves; ` +
    `chain: ${chain.sealed} sealed, ${chain.unsealed} unsealed, ${chain.broken ? `BROKEN at seq ${chain.broken.seq}` : "verifies"}`;
  return { waves, lost, auditEvents: { expected: accepted.length, appended }, chain, summary };
}
