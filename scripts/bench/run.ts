// Benchmark of DESIGN.md §5 budgets: seeds (or reuses) the province-scale tenant, runs the real Worker under
// `wrangler dev` on 127.0.0.1, times each endpoint from the client, times the exact SQL each request runs
// directly on the same SQLite file (node:sqlite), and writes docs/BENCHMARKS.md.
//
//   node scripts/bench/run.ts [--n 200] [--warmup 20] [--dir <persist-dir>] [--fresh] [--only <regex>]
//                             [--no-bundle] [--no-build] [--no-proposals] [--no-write] [--no-save] [--explain]
//
// The SQL of each endpoint is not a hand copy: the bench calls the Worker's own data functions
// (worker/data/*.ts) through a recording drizzle driver, so the statements and parameters timed here are
// byte for byte those the Worker sends to D1. No timing assertion anywhere: this reports, it never fails on speed.
// Besides the reads: one 60-item form save (PUT …/applications/:id/form) timed on its own, and a load test of
// 50 reviewers saving at once (plus two-tab races) that checks nothing is lost and the audit chain still holds.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { gzipSync } from "node:zlib";
import { drizzle } from "drizzle-orm/sqlite-proxy";
import * as schema from "../../db/schema.ts";
import { firstLoadJs } from "../../test/browser/bundle.ts";
import { roundCoverageSummaries } from "../../worker/data/coverage.ts";
import type { Db } from "../../worker/data/db.ts";
import { blindPools, calibratedAt, quotaPools, type RankingFilters, rankingPage } from "../../worker/data/ranking.ts";
import { measureRollup, programRollup, recordRollup } from "../../worker/data/rollups.ts";
import { roundCriteria, roundLookup } from "../../worker/data/rounds.ts";
import type { Scope } from "../../worker/data/scope.ts";
import { findSession } from "../../worker/data/sessions.ts";
import { applicationRef } from "../../worker/data/unit-access.ts";
import { listUnits, type UnitFilters } from "../../worker/data/units.ts";
import { membershipsOf } from "../../worker/data/users.ts";
import { paging } from "../../worker/domain/paging.ts";
import { beijingYear } from "../../worker/domain/record-rules.ts";
import { sessionIdFromToken } from "../../worker/domain/session-token.ts";
import { formStatements } from "../../worker/routes/score-context.ts";
import { ACCOUNTS, d1File, defaultDir, type Manifest, ROOT, seedScale, wranglerEnv } from "./seed-scale.ts";
import { EXPERTS } from "./seed-scoring.ts";
import { type LoadResult, loadTest, type SaveResult, timeSave } from "./writes.ts";

// ---------------------------------------------------------------- options

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const N = Number(option("n") ?? 200);
const WARMUP = Number(option("warmup") ?? 20);
const ONLY = option("only") ? new RegExp(option("only") as string) : undefined;
const WRITE = !flag("no-write") && !ONLY;
const WRANGLER = join(ROOT, "node_modules/.bin/wrangler");
const VITE = join(ROOT, "node_modules/.bin/vite");
const BUDGET_RATIO = 1.5;
const BUDGET_MS = 30;
/** Per endpoint and side (HTTP, SQL): stop early after this long, keeping at least MIN_SAMPLES. */
const SIDE_SECONDS = Number(option("seconds") ?? 5);
const MIN_SAMPLES = 25;
const enough = (count: number, since: number) =>
  count >= N || (count >= Math.min(MIN_SAMPLES, N) && performance.now() - since > SIDE_SECONDS * 1000);
const log = (s: string) => console.error(s);

/**
 * Index changes under evaluation: measured in a second pass on a copy of the database (never on the
 * shared schema), each written as db/schema.ts would declare it. Empty while nothing is proposed: the
 * last four (covering indexes for filtered unit lists and the program rollup) are now in the schema.
 */
const PROPOSALS: { name: string; sql: string; schema: string }[] = [];
/** Only these endpoints are re-measured with the proposals (the others' plans do not change). */
const PROPOSAL_ENDPOINTS = /^units|^rollups\/programs/;

/**
 * Query changes under evaluation, timed SQL-only against the statements the endpoint runs today. Empty while
 * nothing is proposed: the last one (the program rollup as one grouped statement) is now the route's query.
 */
const REWRITES: { name: string; endpoint: string; sql: string; params: (m: Manifest, year: number) => unknown[] }[] =
  [];

/** Statements every signed-in request runs before the route's own: the session lookup (with the tenant scope). */
const SESSION_STATEMENTS = 1;

// ---------------------------------------------------------------- helpers

const temps: string[] = [];
const children = new Set<ChildProcess>();
function cleanup() {
  for (const child of children) stopGroup(child, "SIGKILL");
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
}
process.on("exit", cleanup);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    cleanup();
    process.exit(130);
  });
}

function tempDir(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

function stopGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // the process group this script created for wrangler and its workerd
  } catch {
    // already gone
  }
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? ok(address.port) : fail(new Error("no port"))));
    });
  });
}

const quantile = (sorted: number[], q: number) =>
  sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number);

interface Stats {
  p50: number;
  p95: number;
  raw: number[];
}
function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), raw: samples };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : "—");

// ---------------------------------------------------------------- SQL capture

interface Statement {
  sql: string;
  params: unknown[];
}

/** A drizzle database that records every statement and runs it on node:sqlite (rows as arrays, like D1's raw()). */
function recordingDb(sqlite: DatabaseSync, into: Statement[]) {
  const run = (sql: string, params: unknown[], method: string) => {
    into.push({ sql, params });
    const stmt = sqlite.prepare(sql);
    stmt.setReturnArrays(true);
    // Arrays for drizzle's column mapping, with the column names on them too for raw `db.all` callers.
    const names = stmt.columns().map((c) => c.name);
    const rows = (stmt.all(...(params as (string | number | null)[])) as unknown as unknown[][]).map((row) =>
      Object.assign(row, Object.fromEntries(names.map((n, i) => [n, row[i]]))),
    );
    return { rows: method === "get" ? (rows[0] ?? undefined) : rows } as { rows: unknown[] };
  };
  return drizzle(
    async (sql, params, method) => run(sql, params, method),
    // A route's batch: the same statements, one after another, as D1 runs a batch.
    async (queries) => queries.map((q) => run(q.sql, q.params, q.method)),
    { schema },
  );
}

type Account = keyof typeof ACCOUNTS;

/** The signed-in caller of an endpoint: a bench account, or the first scoring expert (seed-scoring.ts). */
const callerOf = (account: Account | "expert") =>
  account === "expert" ? (EXPERTS[0] as (typeof EXPERTS)[number]) : ACCOUNTS[account];

interface Endpoint {
  name: string;
  path: string;
  account: Account | "expert" | null;
  /** Budgeted by §5 (unit list, rollup by city); the others are reported against the same rule for information. */
  budgeted: boolean;
  /** The data-layer call the route makes once the middleware has resolved the scope. */
  data?: (db: ReturnType<typeof recordingDb>, scope: Scope, userId: string) => Promise<unknown>;
  /** Short description of the response, to show the numbers come from real data. */
  describe?: (body: unknown) => string;
  /** Names of the route's statements in order (after the session lookup), to time each on its own. */
  statementNames?: string[];
  /** A different URL for every request (warm-up included), so an edge-cached route is measured on misses. */
  pathAt?: (i: number) => string;
}

function endpoints(m: Manifest): Endpoint[] {
  const year = beijingYear(new Date());
  const units = (filters: UnitFilters) => (db: ReturnType<typeof recordingDb>, scope: Scope) =>
    listUnits(db as never, scope, filters, paging(1, 50));
  const unitPage = (body: unknown) => {
    const b = body as { items: unknown[]; total: number };
    return `${b.items.length} of ${b.total}`;
  };
  const byCity = (body: unknown) => {
    const b = body as { totals: { units: number; withProgram: number }; byCity: unknown[] };
    return `${b.byCity.length} cities, ${b.totals.withProgram}/${b.totals.units} with program`;
  };
  const measures = (body: unknown) => {
    const b = body as { byDepartment: { total: number }[]; byStatus: { count: number }[] };
    return `${b.byDepartment.length} depts, ${b.byStatus.reduce((n, s) => n + s.count, 0)} measures`;
  };
  const records = (body: unknown) => {
    const b = body as { byKind: { count: number }[]; byMonth: unknown[] };
    return `${b.byKind.reduce((n, k) => n + k.count, 0)} records, ${b.byMonth.length} month×kind`;
  };
  const t = `/api/t/${m.slug}`;
  const list: Endpoint[] = [
    { name: "health", path: "/api/health", account: null, budgeted: false },
    {
      name: "auth/me (province)",
      path: "/api/auth/me",
      account: "province",
      budgeted: false,
      data: (db, _scope, userId) => membershipsOf(db as never, userId),
      describe: (b) => `${(b as { memberships: unknown[] }).memberships.length} membership`,
    },
  ];
  for (const account of ["province", "city"] as const) {
    list.push({
      name: `units (${account})`,
      path: `${t}/units?pageSize=50`,
      account,
      budgeted: true,
      data: units({}),
      describe: unitPage,
    });
    if (account === "province") {
      list.push(
        {
          name: "units city=成都 (province)",
          path: `${t}/units?pageSize=50&city=${m.cityId}`,
          account,
          budgeted: true,
          data: units({ city: m.cityId }),
          describe: unitPage,
        },
        {
          name: "units sector=卫生 (province)",
          path: `${t}/units?pageSize=50&sector=${m.sectorId}`,
          account,
          budgeted: true,
          data: units({ sector: m.sectorId }),
          describe: unitPage,
        },
        {
          name: "units q=医院 (province)",
          path: `${t}/units?pageSize=50&q=${encodeURIComponent("医院")}`,
          account,
          budgeted: true,
          data: units({ q: "医院" }),
          describe: unitPage,
        },
      );
    }
    list.push(
      {
        name: `rollups/programs (${account})`,
        path: `${t}/rollups/programs`,
        account,
        budgeted: true,
        data: (db, scope) => programRollup(db as never, scope, year),
        describe: byCity,
      },
      {
        name: `rollups/measures (${account})`,
        path: `${t}/rollups/measures`,
        account,
        budgeted: false,
        data: (db, scope) => measureRollup(db as never, scope),
        describe: measures,
      },
      {
        name: `rollups/records (${account})`,
        path: `${t}/rollups/records`,
        account,
        budgeted: false,
        data: (db, scope) => recordRollup(db as never, scope, year),
        describe: records,
      },
    );
  }
  // The ranking page (top 50) as the provincial reviewer (on no panel, so nothing is blind to them). Its SQL is
  // the route's batch (worker/routes/ranking.ts, `rankingOf`) rebuilt statement for statement from the same data
  // functions: keep the two in step.
  const roundId = m.scoring.roundId;
  const ranking =
    (filters: RankingFilters) =>
    async (db: ReturnType<typeof recordingDb>, scope: Scope): Promise<unknown> => {
      // The recording driver stands in for D1's: the same builders, the same batch.
      const d = db as unknown as Db;
      const [, rows] = await d.batch([
        roundLookup(d, scope, roundId),
        rankingPage(d, scope, roundId, filters, paging(1, 50)),
        blindPools(d, scope, roundId),
        ...quotaPools(d, scope, roundId),
        calibratedAt(d, scope, roundId),
      ]);
      return {
        items: rows.filter((r) => r.kind === "row"),
        total: rows.find((r) => r.kind === "summary")?.total ?? 0,
      };
    };
  for (const [label, query, filters] of [
    ["ranking (province)", "", {}],
    ["ranking city=成都 (province)", `&city=${m.cityId}`, { city: m.cityId }],
    ["ranking sector=卫生 (province)", `&sector=${m.sectorId}`, { sector: m.sectorId }],
  ] as const) {
    list.push({
      name: label,
      path: `${t}/rounds/${roundId}/ranking?pageSize=50${query}`,
      account: "province",
      budgeted: true,
      data: ranking(filters),
      describe: unitPage,
      statementNames: ["round", "page", "blind pools", "city pools", "sector pools", "calibrated at"],
    });
  }
  // The read half of a form save: the reviewer's own form (the same batch the save reads first, and again at its end).
  const formApp = m.scoring.seats[0]?.[0] ?? "";
  list.push({
    name: "form (expert, 60 items)",
    path: `${t}/applications/${formApp}/form?stage=province`,
    account: "expert",
    budgeted: false,
    data: async (db, scope) => {
      const d = db as unknown as Db;
      const read = await d.batch(formStatements(d, scope, applicationRef(d, scope, formApp)));
      return { items: read[7] };
    },
    describe: (b) => `${(b as { items: unknown[] }).items.length} scores`,
    statementNames: ["application", "round", "criteria", "reviewer", "seats", "conflict", "forms", "scores"],
  });
  // Coverage and the report (issue 12): the round's coverage from every application's summary (60 items each);
  // one application's coverage with suggestions; its report with suggestions per paragraph.
  const applicationsCounted = (b: unknown) => `${(b as { applications: number }).applications} applications`;
  list.push(
    {
      name: "round coverage (province)",
      path: `${t}/rounds/${roundId}/coverage`,
      account: "province",
      budgeted: false,
      data: async (db, scope) => {
        const d = db as unknown as Db;
        const [, , summaries] = await d.batch([
          roundLookup(d, scope, roundId),
          roundCriteria(d, scope, roundId),
          roundCoverageSummaries(d, scope, roundId),
        ]);
        return { applications: summaries.length };
      },
      describe: applicationsCounted,
      statementNames: ["round", "criteria", "summaries"],
    },
    {
      name: "application coverage (province)",
      path: `${t}/applications/${formApp}/coverage`,
      account: "province",
      budgeted: false,
      describe: (b) => {
        const { covered, thin, empty } = (b as { summary: { covered: number; thin: number; empty: number } }).summary;
        return `${covered} covered, ${thin} thin, ${empty} empty`;
      },
    },
    {
      name: "report (province)",
      path: `${t}/applications/${formApp}/report`,
      account: "province",
      budgeted: false,
      describe: (b) => {
        const view = b as { report: { length: number } | null; suggestions: unknown[] };
        return `${view.report?.length ?? 0} 字, ${view.suggestions.length} paragraphs rated`;
      },
    },
  );
  // The survey (issue 13), on its own round of the same 3,000 units with 40 answers each: the results page (counts,
  // burst flag and kept points per application) and one application's survey (items, answers per hour, bursts).
  const { survey } = m.scoring;
  list.push(
    {
      name: "survey results (province)",
      path: `${t}/rounds/${survey.roundId}/survey/results?pageSize=50`,
      account: "province",
      budgeted: false,
      describe: (b) => {
        const r = b as { rows: { counted: number }[]; total: number };
        return `${r.rows.length} of ${r.total}, ${r.rows.reduce((n, row) => n + row.counted, 0)} answers`;
      },
    },
    {
      name: "application survey (province)",
      path: `${t}/applications/${survey.applicationId}/survey`,
      account: "province",
      budgeted: false,
      describe: (b) => {
        const r = b as { counted: number; timeline: unknown[] };
        return `${r.counted} answers over ${r.timeline.length} hours`;
      },
    },
  );
  // The public awarded-units page (no login) is served from the edge cache after the first read of a URL. The miss
  // row asks for a new page or page size on every request, so each one runs the query.
  const publicAwards = `/api/public/t/${m.slug}/awards`;
  const summary = (b: unknown) => `${(b as { current: number }).current} current titles`;
  list.push(
    {
      name: "public awards (cache hit)",
      path: `${publicAwards}?pageSize=50`,
      account: null,
      budgeted: false,
      describe: unitPage,
    },
    {
      name: "public awards q=rmyy (cache hit)",
      path: `${publicAwards}?pageSize=50&q=rmyy`,
      account: null,
      budgeted: false,
      describe: unitPage,
    },
    {
      name: "public awards (cache miss)",
      path: `${publicAwards}?pageSize=20`,
      pathAt: (i) => `${publicAwards}?page=${1 + (i % 5)}&pageSize=${20 + Math.floor(i / 5)}`,
      account: null,
      budgeted: false,
      describe: (b) => `${(b as { total: number }).total} titles`,
    },
    {
      name: "public summary (cache hit)",
      path: `/api/public/t/${m.slug}/summary`,
      account: null,
      budgeted: false,
      describe: summary,
    },
  );
  return ONLY ? list.filter((e) => e.name === "health" || ONLY.test(e.name)) : list;
}

/** Every statement one request runs: the session lookup (with the tenant scope on a tenant's path), then the route's own. */
async function captureStatements(
  sqlite: DatabaseSync,
  m: Manifest,
  e: Endpoint,
): Promise<{ statements: Statement[]; result: unknown }> {
  if (!e.account) return { statements: [], result: undefined };
  const statements: Statement[] = [];
  const db = recordingDb(sqlite, statements);
  const account = callerOf(e.account);
  const tenantPath = e.path.startsWith("/api/t/");
  const found = await findSession(db as never, await sessionIdFromToken(account.token), tenantPath ? m.slug : null);
  if (!found) throw new Error(`session of ${account.email} not found in the seeded database`);
  if (tenantPath && !found.scope) throw new Error(`no scope for ${account.email} in ${m.slug}`);
  const result = await e.data?.(db, found.scope as Scope, found.user.id);
  return { statements, result: e.path === "/api/auth/me" ? { memberships: result } : result };
}

function timeSql(sqlite: DatabaseSync, statements: Statement[], samplesAtMost = N): Stats {
  if (statements.length === 0) return { p50: 0, p95: 0, raw: [] };
  const prepared = statements.map((s) => ({
    stmt: sqlite.prepare(s.sql),
    params: s.params as (string | number | null)[],
  }));
  for (const p of prepared) p.stmt.setReturnArrays(true);
  const run = () => {
    for (const p of prepared) p.stmt.all(...p.params);
  };
  const warmFrom = performance.now();
  for (let i = 0; i < WARMUP && !(i >= 3 && performance.now() - warmFrom > 1000); i++) run();
  const samples: number[] = [];
  const since = performance.now();
  while (samples.length < samplesAtMost && !enough(samples.length, since)) {
    const t0 = performance.now();
    run();
    samples.push(performance.now() - t0);
  }
  return stats(samples);
}

function explain(sqlite: DatabaseSync, statements: Statement[]): string {
  return statements
    .map((s) => {
      const plan = sqlite.prepare(`explain query plan ${s.sql}`).all(...(s.params as (string | number | null)[])) as {
        id: number;
        parent: number;
        detail: string;
      }[];
      const depth = new Map<number, number>([[0, 0]]);
      const lines = plan.map((row) => {
        const d = (depth.get(row.parent) ?? 0) + 1;
        depth.set(row.id, d);
        return `${"  ".repeat(d)}${row.detail}`;
      });
      return `${s.sql.replace(/\s+/g, " ").slice(0, 160)}${s.sql.length > 160 ? " …" : ""}\n${lines.join("\n")}`;
    })
    .join("\n\n");
}

// ---------------------------------------------------------------- the Worker

/** wrangler (dev, and the dry-run deploy of the bundle measure) needs the SPA's assets directory. */
function ensureSpaBuilt() {
  if (!existsSync(join(ROOT, "dist/web/index.html"))) {
    log("dist/web is missing: building the SPA (wrangler serves it as the assets directory)");
    execFileSync(VITE, ["build", "--logLevel", "warn"], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
  }
}

async function startWorker(persistDir: string) {
  ensureSpaBuilt();
  const [port, inspector] = [await freePort(), await freePort()];
  const child = spawn(
    WRANGLER,
    [
      "dev",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--inspector-port",
      String(inspector),
      "--persist-to",
      persistDir,
      "--show-interactive-dev-session=false",
      "--live-reload=false",
      "--log-level",
      "warn",
    ],
    { cwd: ROOT, env: wranglerEnv, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  children.add(child);
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${origin}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      stopGroup(child, "SIGKILL");
      throw new Error(`wrangler dev did not answer within 90 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const stop = async () => {
    stopGroup(child, "SIGTERM");
    const exited = new Promise<void>((r) => child.once("exit", () => r()));
    const timeout = new Promise<void>((r) => setTimeout(r, 5000).unref());
    if (child.exitCode === null && child.signalCode === null) await Promise.race([exited, timeout]);
    stopGroup(child, "SIGKILL");
    children.delete(child);
  };
  return { origin, stop, output: () => output };
}

interface HttpResult {
  stats: Stats;
  /** D1 round trips of a steady-state request, as the Worker reports them (Server-Timing). */
  trips: number;
  /** Health requests interleaved one for one with this endpoint's: the floor's runtime share, under the same load. */
  health: Stats;
  body: unknown;
  /** How many measured requests the public edge cache answered (`X-Wenming-Cache: hit`), of how many. */
  cache: { hits: number; of: number };
}

async function timeHttp(origin: string, e: Endpoint, healthPath = "/api/health"): Promise<HttpResult> {
  const headers: Record<string, string> = {};
  if (e.account) headers.cookie = `__Host-wm_session=${callerOf(e.account).token}`;
  const once = async (path: string, h: Record<string, string>) => {
    const t0 = performance.now();
    const res = await fetch(`${origin}${path}`, { headers: h });
    const text = await res.text();
    const trips = Number(/d1-round-trips;desc="(\d+)"/.exec(res.headers.get("server-timing") ?? "")?.[1] ?? Number.NaN);
    const hit = res.headers.get("x-wenming-cache") === "hit";
    return { elapsed: performance.now() - t0, status: res.status, text, trips, hit };
  };
  let sent = 0;
  const nextPath = () => e.pathAt?.(sent++) ?? e.path;
  const first = await once(nextPath(), headers);
  if (first.status !== 200) throw new Error(`${e.name}: HTTP ${first.status} ${first.text.slice(0, 300)}`);
  const warmFrom = performance.now();
  for (let i = 1; i < WARMUP && !(i >= 3 && performance.now() - warmFrom > 1000); i++) {
    await once(nextPath(), headers);
    await once(healthPath, {});
  }
  const samples: number[] = [];
  const health: number[] = [];
  const since = performance.now();
  let trips = Number.NaN;
  let hits = 0;
  while (!enough(samples.length, since)) {
    const r = await once(nextPath(), headers);
    if (r.status !== 200) throw new Error(`${e.name}: HTTP ${r.status} during the run`);
    samples.push(r.elapsed);
    trips = r.trips;
    if (r.hit) hits++;
    health.push((await once(healthPath, {})).elapsed);
  }
  return {
    stats: stats(samples),
    health: stats(health),
    trips,
    body: JSON.parse(first.text),
    cache: { hits, of: samples.length },
  };
}

// ---------------------------------------------------------------- bundles

export interface Bundles {
  spa?: { gzipBytes: number; files: number; source: string };
  worker?: { gzipBytes: number; rawBytes: number; files: string[] };
  errors: string[];
}

function measureBundles(): Bundles {
  const out: Bundles = { errors: [] };
  try {
    let dist = join(ROOT, "dist/web");
    let source = "dist/web as found";
    if (!flag("no-build")) {
      // Built into a temp dir so the shared dist/web is left alone; same config, same sources.
      dist = join(tempDir("wenming-bench-web-"), "web");
      try {
        execFileSync(VITE, ["build", "--logLevel", "warn", "--outDir", dist, "--emptyOutDir"], {
          cwd: ROOT,
          env: { ...process.env, NODE_ENV: "production" },
          stdio: ["ignore", "pipe", "pipe"],
        });
      } catch (error) {
        const e = error as { stderr?: Buffer; stdout?: Buffer };
        const detail = `${e.stderr ?? ""}${e.stdout ?? ""}`.trim().split("\n").slice(-6).join(" / ");
        throw new Error(`vite build of the working tree failed: ${detail}`);
      }
      source = "fresh `vite build` of the working tree";
    }
    const first = firstLoadJs(dist);
    out.spa = { gzipBytes: first.gzipBytes, files: first.files.length, source };
  } catch (error) {
    out.errors.push(`SPA: ${(error as Error).message.split("\n")[0]}`);
  }
  try {
    const outdir = tempDir("wenming-bench-worker-");
    execFileSync(WRANGLER, ["deploy", "--dry-run", "--outdir", outdir], {
      cwd: ROOT,
      env: wranglerEnv,
      stdio: ["ignore", "ignore", "inherit"],
    });
    const files = readdirSync(outdir, { recursive: true })
      .map(String)
      .filter((f) => /\.(m?js|wasm)$/.test(f) && statSync(join(outdir, f)).isFile());
    let gzipBytes = 0;
    let rawBytes = 0;
    for (const f of files) {
      const buf = readFileSync(join(outdir, f));
      rawBytes += buf.length;
      gzipBytes += gzipSync(buf, { level: 9 }).length;
    }
    out.worker = { gzipBytes, rawBytes, files };
  } catch (error) {
    out.errors.push(`Worker: ${(error as Error).message.split("\n")[0]}`);
  }
  return out;
}

// ---------------------------------------------------------------- one pass

export interface RewriteResult {
  name: string;
  endpoint: string;
  now: number;
  statementsNow: number;
  rewritten: number;
}

export interface Row {
  endpoint: Endpoint;
  http: Stats;
  health: Stats;
  sql: Stats;
  statements: Statement[];
  /** D1 round trips per request in steady state, reported by the Worker. */
  trips: number;
  floor: number;
  ratio: number;
  verdict: string;
  result: string;
  sqlResultCheck: string;
  /** Each statement's own SQL p50 (for endpoints that name their statements). */
  perStatement?: { name: string; p50: number }[];
}

/** Whether the Worker's answer and the directly-run SQL's agree (shown as a check that both timed the same work). */
function sameAnswer(e: Endpoint, http: unknown, direct: unknown): string {
  if (!e.describe) return "";
  try {
    return e.describe(http) === e.describe(direct) ? "same" : "DIFFERENT";
  } catch {
    return "n/a";
  }
}

async function pass(
  persistDir: string,
  m: Manifest,
  label: string,
  only?: RegExp,
  writes = false,
): Promise<{ rows: Row[]; rewrites: RewriteResult[]; save?: SaveResult; load?: LoadResult }> {
  const dbFile = d1File(persistDir);
  const list = endpoints(m).filter((e) => e.name === "health" || !only || only.test(e.name));
  // Capture the statements before the Worker starts (the recording driver reads the same file).
  const sqlite = new DatabaseSync(dbFile, { readOnly: true });
  const captured = new Map<Endpoint, Statement[]>();
  const direct = new Map<Endpoint, unknown>();
  for (const e of list) {
    const { statements, result } = await captureStatements(sqlite, m, e);
    captured.set(e, statements);
    direct.set(e, result);
  }
  if (flag("explain")) {
    for (const e of list) {
      const statements = captured.get(e) ?? [];
      if (statements.length) console.log(`\n=== ${e.name} (${label})\n${explain(sqlite, statements)}`);
    }
  }

  // Cached public reads persist beside the database: retire them, so the miss row measures misses.
  const writable = new DatabaseSync(dbFile);
  writable.prepare("update tenants set public_version = public_version + 1").run();
  writable.close();
  log(`${label}: starting wrangler dev on ${persistDir}`);
  const worker = await startWorker(persistDir);
  const rows: Row[] = [];
  let save: SaveResult | undefined;
  let load: LoadResult | undefined;
  try {
    const healthEndpoint = endpoints(m).find((e) => e.name === "health") as Endpoint;
    const measured: {
      e: Endpoint;
      http: Stats;
      health: Stats;
      sql: Stats;
      trips: number;
      body: unknown;
      cache: { hits: number; of: number };
      perStatement?: { name: string; p50: number }[];
    }[] = [];
    for (const e of list) {
      if (e.name === "health") continue;
      const t0 = performance.now();
      const http = await timeHttp(worker.origin, e).catch((error: Error) => {
        // A dropped connection is the runtime's doing: show what wrangler and workerd said.
        throw new Error(`${e.name}: ${error.message} ${String(error.cause ?? "")}\n${worker.output().slice(-4000)}`);
      });
      const sql = timeSql(sqlite, captured.get(e) ?? []);
      const names = e.statementNames;
      const perStatement = names
        ? (captured.get(e) ?? [])
            .slice(SESSION_STATEMENTS)
            .map((s, i) => ({ name: names[i] ?? `#${i + 1}`, p50: timeSql(sqlite, [s], 10).p50 }))
        : undefined;
      measured.push({
        e,
        http: http.stats,
        health: http.health,
        sql,
        trips: http.trips,
        body: http.body,
        cache: http.cache,
        ...(perStatement ? { perStatement } : {}),
      });
      log(
        `  ${e.name.padEnd(32)} http p50 ${ms(http.stats.p50)} ms, health p50 ${ms(http.health.p50)} ms, sql p50 ${ms(sql.p50)} ms (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
      );
    }
    // Health on its own row: every health sample of the pass, pooled (each endpoint's floor uses its own).
    const healthStats = stats(measured.flatMap((x) => x.health.raw));
    rows.push({
      endpoint: healthEndpoint,
      http: healthStats,
      health: healthStats,
      sql: { p50: 0, p95: 0, raw: [] },
      statements: [],
      trips: 0,
      floor: healthStats.p50,
      ratio: 1,
      verdict: "(reference: all interleaved samples)",
      result: "ok",
      sqlResultCheck: "",
    });
    for (const { e, http, health, sql, trips, body, cache, perStatement } of measured) {
      const floor = health.p50 + sql.p50;
      const ratio = http.p50 / floor;
      const holds = ratio <= BUDGET_RATIO && http.p50 < BUDGET_MS;
      const why = [
        ratio > BUDGET_RATIO ? `>${BUDGET_RATIO}× floor` : "",
        http.p50 >= BUDGET_MS ? `≥${BUDGET_MS} ms` : "",
      ]
        .filter(Boolean)
        .join(", ");
      rows.push({
        endpoint: e,
        http,
        health,
        sql,
        statements: captured.get(e) ?? [],
        trips,
        floor,
        ratio,
        verdict: e.budgeted ? (holds ? "OK" : `MISS (${why})`) : holds ? "(no budget) within" : `(no budget) ${why}`,
        result: [
          e.describe ? e.describe(body) : "",
          e.path.startsWith("/api/public/") ? `edge cache hit ${cache.hits}/${cache.of}` : "",
        ]
          .filter(Boolean)
          .join(", "),
        sqlResultCheck: sameAnswer(e, body, direct.get(e)),
        ...(perStatement ? { perStatement } : {}),
      });
    }
    // Writes last: they change the forms (and append audit events) the reads above looked at.
    if (writes) {
      const started = performance.now();
      save = await timeSave(worker.origin, m, { n: N, warmup: WARMUP, enough });
      log(
        `  ${"form save (60 items)".padEnd(32)} http p50 ${ms(save.http.p50)} ms, health p50 ${ms(save.health.p50)} ms, ${save.trips} round trips (${((performance.now() - started) / 1000).toFixed(1)} s)`,
      );
      load = await loadTest(worker.origin, m, sqlite);
      log(`  load: ${load.summary}`);
    }
  } finally {
    await worker.stop();
    log(`${label}: wrangler dev stopped`);
  }
  const rewrites: RewriteResult[] = [];
  const year = beijingYear(new Date());
  for (const r of REWRITES) {
    const row = rows.find((x) => x.endpoint.name === r.endpoint);
    if (!row) continue;
    const now = timeSql(sqlite, row.statements.slice(SESSION_STATEMENTS)); // the route's own statements
    const rewritten = timeSql(sqlite, [{ sql: r.sql, params: r.params(m, year) }]);
    rewrites.push({
      name: r.name,
      endpoint: r.endpoint,
      now: now.p50,
      statementsNow: row.statements.length - SESSION_STATEMENTS,
      rewritten: rewritten.p50,
    });
  }
  sqlite.close();
  return { rows, rewrites, ...(save ? { save } : {}), ...(load ? { load } : {}) };
}

// ---------------------------------------------------------------- report

function table(rows: Row[]): string {
  const head = [
    "endpoint",
    "p50 ms",
    "p95 ms",
    "health p50 ms",
    "SQL p50 ms",
    "D1 round trips",
    "floor ms",
    "ratio",
    "verdict",
    "response (direct SQL)",
  ];
  const lines = rows.map((r) => [
    r.endpoint.name,
    ms(r.http.p50),
    ms(r.http.p95),
    ms(r.health.p50),
    r.statements.length ? `${ms(r.sql.p50)} (${r.statements.length} stmt)` : "—",
    r.endpoint.name === "health" ? "0" : String(r.trips),
    ms(r.floor),
    r.endpoint.name === "health" ? "—" : `${r.ratio.toFixed(2)}×`,
    r.verdict,
    r.sqlResultCheck ? `${r.result} (${r.sqlResultCheck})` : r.result,
  ]);
  return [
    `| ${head.join(" | ")} |`,
    `| ${head.map((_, i) => (i === 0 || i >= 8 ? "---" : "---:")).join(" | ")} |`,
    ...lines.map((l) => `| ${l.join(" | ")} |`),
  ].join("\n");
}

function machine() {
  const cpu = readFileSync("/proc/cpuinfo", "utf8").match(/model name\s*:\s*(.*)/)?.[1] ?? cpus()[0]?.model ?? "?";
  const nproc = execFileSync("nproc").toString().trim();
  return {
    cpu,
    nproc,
    node: process.version,
    load: loadavg()
      .map((x) => x.toFixed(2))
      .join(" "),
  };
}

// ---------------------------------------------------------------- main

const started = performance.now();
const box = machine();
const dir = resolve(option("dir") ?? defaultDir());
const manifest = await seedScale(dir, { fresh: flag("fresh"), log });
ensureSpaBuilt();
const bundles: Bundles = flag("no-bundle") ? { errors: ["not measured (--no-bundle)"] } : measureBundles();
const base = await pass(dir, manifest, "baseline", undefined, !flag("no-save") && (!ONLY || ONLY.test("save")));

let proposal: { rows: Row[]; rewrites: RewriteResult[] } | undefined;
if (PROPOSALS.length && !flag("no-proposals")) {
  const copy = join(tempDir("wenming-bench-proposal-"), "state");
  cpSync(dir, copy, { recursive: true });
  const db = new DatabaseSync(d1File(copy));
  for (const p of PROPOSALS) db.exec(p.sql);
  db.exec("pragma wal_checkpoint(truncate)");
  db.close();
  proposal = await pass(copy, manifest, "with proposals", PROPOSAL_ENDPOINTS);
}

const summary = table(base.rows);
console.log(
  `\nprovince-scale tenant, n=${N} after ${WARMUP} warm-up, machine ${box.nproc} × ${box.cpu}, load ${box.load}\n`,
);
console.log(summary);
if (proposal) {
  console.log(`\nwith proposed indexes (${PROPOSALS.map((p) => p.name).join(", ")}):\n`);
  console.log(table(proposal.rows));
}
for (const [label, p] of [
  ["today's indexes", base],
  ["with proposed indexes", proposal],
] as const) {
  for (const r of p?.rewrites ?? []) {
    console.log(
      `${r.name} (${label}): SQL p50 ${ms(r.rewritten)} ms in 1 statement vs ${ms(r.now)} ms in ${r.statementsNow} today`,
    );
  }
}
if (base.save) {
  console.log(
    `\nform save (60 items): p50 ${ms(base.save.http.p50)} ms, p95 ${ms(base.save.http.p95)} ms, ${base.save.trips} D1 round trips → ${base.save.http.p50 < BUDGET_MS ? "OK" : "MISS"} (< ${BUDGET_MS} ms)`,
  );
}
if (base.load) console.log(`load test: ${base.load.summary}`);
console.log(
  `\nSPA first-load JS: ${bundles.spa ? `${kb(bundles.spa.gzipBytes)} gzip (${bundles.spa.files} files) → ${bundles.spa.gzipBytes < 250 * 1024 ? "OK" : "MISS"} (< 250 KB)` : "not measured"}`,
);
console.log(
  `Worker bundle: ${bundles.worker ? `${kb(bundles.worker.gzipBytes)} gzip, ${kb(bundles.worker.rawBytes)} raw → ${bundles.worker.gzipBytes < 1024 * 1024 ? "OK" : "MISS"} (< 1 MB)` : "not measured"}`,
);
for (const e of bundles.errors) console.log(`  ${e}`);
log(`total ${((performance.now() - started) / 1000).toFixed(0)} s`);

if (WRITE) {
  const { writeReport } = await import("./report.ts");
  writeFileSync(
    join(ROOT, "docs/BENCHMARKS.md"),
    writeReport({
      box,
      N,
      WARMUP,
      sideSeconds: SIDE_SECONDS,
      manifest,
      base: base.rows,
      save: base.save,
      load: base.load,
      proposal: proposal?.rows,
      rewrites: [
        ...base.rewrites.map((r) => ({ ...r, label: "today's indexes" })),
        ...(proposal?.rewrites ?? []).map((r) => ({ ...r, label: "with proposed indexes" })),
      ],
      proposals: PROPOSALS,
      bundles,
      table,
      elapsedSeconds: (performance.now() - started) / 1000,
    }),
  );
  log("wrote docs/BENCHMARKS.md");
}
