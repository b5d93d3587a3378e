// Renders docs/BENCHMARKS.md from one run of scripts/bench/run.ts. The commentary is derived from the numbers of
// that run, so the file never claims more than the run showed.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import type { Bundles, RewriteResult, Row } from "./run.ts";
import { BENCH, type Manifest, ROOT } from "./seed-scale.ts";
import { SCORING } from "./seed-scoring.ts";
import type { LoadResult, SaveResult } from "./writes.ts";

interface Input {
  box: { cpu: string; nproc: string; node: string; load: string };
  N: number;
  WARMUP: number;
  sideSeconds: number;
  manifest: Manifest;
  base: Row[];
  save: SaveResult | undefined;
  load: LoadResult | undefined;
  proposal: Row[] | undefined;
  rewrites: (RewriteResult & { label: string })[];
  proposals: { name: string; sql: string; schema: string }[];
  bundles: Bundles;
  table: (rows: Row[]) => string;
  elapsedSeconds: number;
}

/**
 * The run of 2026-12-01 (docs/BENCHMARKS.md of commit ca3e9ec), before the tenant held the scoring round: the
 * endpoints measured then, and what adding 3,000 applications, 9,000 forms and 540,000 scores did to them.
 */
/** That run's load average at start: compare ratios across runs, the absolute numbers move with the load. */
const BEFORE_LOAD = "1.20 2.50 2.89";
const BEFORE: Record<string, { p50: number; ratio: number; trips: number }> = {
  "auth/me (province)": { p50: 8.46, ratio: 1.45, trips: 1 },
  "units (province)": { p50: 9.91, ratio: 1.62, trips: 1 },
  "units city=成都 (province)": { p50: 9.62, ratio: 1.62, trips: 1 },
  "units sector=卫生 (province)": { p50: 8.95, ratio: 1.67, trips: 1 },
  "units q=医院 (province)": { p50: 10.77, ratio: 1.57, trips: 1 },
  "rollups/programs (province)": { p50: 24.05, ratio: 1.43, trips: 1 },
  "rollups/measures (province)": { p50: 186.44, ratio: 1.11, trips: 1 },
  "rollups/records (province)": { p50: 86.8, ratio: 1.05, trips: 1 },
  "units (city)": { p50: 12.16, ratio: 1.59, trips: 1 },
  "rollups/programs (city)": { p50: 13.11, ratio: 1.48, trips: 1 },
  "rollups/measures (city)": { p50: 41.15, ratio: 1.67, trips: 1 },
  "rollups/records (city)": { p50: 27.02, ratio: 1.75, trips: 1 },
};

const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : "—");
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function wranglerVersion() {
  try {
    return execFileSync(join(ROOT, "node_modules/.bin/wrangler"), ["--version"], { encoding: "utf8" })
      .trim()
      .split("\n")
      .pop();
  } catch {
    return "?";
  }
}

/** The form save and the load test, as measured in this run. */
function writesSection(p: (s?: string) => void, save: SaveResult | undefined, load: LoadResult | undefined) {
  p("## Writes: one form save, and a load test");
  p();
  if (!save || !load) {
    p("Not measured in this run (`--no-save`, or `--only` without `save`).");
    p();
    return;
  }
  p(
    `**One reviewer's 60-item form save** (\`PUT /api/t/${BENCH.slug}/applications/:id/form\`, ${save.reviewer} on ${save.applicationId}, ` +
      `${save.items} items, alternating between two sets of scores, each save from the version the last one returned; a submitted form saved again stays submitted): ` +
      `p50 **${save.http.p50.toFixed(2)} ms**, p95 ${save.http.p95.toFixed(2)} ms over ${save.http.raw.length} sequential saves, ` +
      `health p50 ${save.health.p50.toFixed(2)} ms interleaved, ${save.trips} D1 round trips (one read batch, one write batch with the audit event and the result refresh) ` +
      `→ ${save.http.p50 < 30 ? "holds" : "**misses**"} the 30 ms budget.`,
  );
  p();
  p(
    "**Load test** (loopback, full-size tenant): every save reads its form's version first, then a wave fires all its saves at once. " +
      "A 409 is genuine when another save of the same form was accepted in the same wave. After the waves every accepted save is read back " +
      "from the SQLite file (version and all 60 items), the office's history is read once (which seals the chain) and the chain is verified " +
      "from the file with the domain's `checkChain`.",
  );
  p();
  p("| wave | saves | 2xx | 409 | of which not genuine | 5xx | other | wall ms | p50 ms | max ms |");
  p("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const w of load.waves)
    p(
      `| ${w.name} | ${w.requests} | ${w.ok} | ${w.conflicts} | ${w.falseConflicts} | ${w.serverErrors} | ${w.other} | ${w.wallMs.toFixed(0)} | ${w.p50.toFixed(1)} | ${w.max.toFixed(1)} |`,
    );
  p();
  p(
    `Nothing lost: ${load.lost === 0 ? "every" : `**${load.lost} NOT**; the other`} accepted save is stored as sent. ` +
      `Audit: ${load.auditEvents.appended} events appended for ${load.auditEvents.expected} accepted saves. ` +
      `Chain: ${load.chain.sealed} events sealed, ${load.chain.unsealed} unsealed, ${load.chain.broken ? `**broken at seq ${load.chain.broken.seq}**` : "verifies"}.`,
  );
  p();
}

export function writeReport(i: Input): string {
  const row = (rows: Row[] | undefined, name: string) => rows?.find((r) => r.endpoint.name === name);
  const me = row(i.base, "auth/me (province)");
  const perTrip = me ? (me.http.p50 - me.health.p50 - me.sql.p50) / Math.max(me.trips, 1) : Number.NaN;
  const list = row(i.base, "units (province)");
  // What the unit page's round trips cost at that price, against its budget.
  const listTrips = list?.trips ?? 0;
  const modelled = list ? list.health.p50 + listTrips * perTrip + list.sql.p50 : Number.NaN;
  const allowed = list ? 1.5 * (list.health.p50 + list.sql.p50) : Number.NaN;
  const budgeted = i.base.filter((r) => r.endpoint.budgeted);
  const held = budgeted.filter((r) => r.verdict === "OK");
  const missed = budgeted.filter((r) => r.verdict !== "OK");
  const c = i.manifest.counts;
  const spa = i.bundles.spa;
  const worker = i.bundles.worker;

  const lines: string[] = [];
  const p = (s = "") => lines.push(s);
  p("# Benchmarks");
  p();
  p(
    "Generated by `npm run bench` (`node scripts/bench/run.ts`); overwritten on every full run. Budgets: DESIGN.md §5. " +
      "Numbers are local (wrangler dev + miniflare D1 on one machine), not production latencies.",
  );
  p();
  p(`- Date: ${new Date().toISOString()}`);
  p(`- Machine: ${i.box.nproc} × ${i.box.cpu}, load average at start ${i.box.load} (shared with other work)`);
  p(`- Node ${i.box.node}, wrangler ${wranglerVersion()}, node:sqlite ${process.versions.sqlite}`);
  p(
    `- Samples: up to ${i.N} sequential requests per endpoint after up to ${i.WARMUP} warm-up, each side (HTTP, SQL) cut at ${i.sideSeconds} s with at least 25 samples; run took ${i.elapsedSeconds.toFixed(0)} s`,
  );
  p();
  p("## Data: province-scale tenant `bench`");
  p();
  p(
    `Real 四川 tree (${c.jurisdictions} jurisdictions: 1 province, 21 cities, the rest counties), ${c.sectors} sectors, ${c.unit_kinds} kinds, ` +
      `${c.units} units (85 % in counties, 13 % city-level, 2 % province-level; 90 % active), ${c.programs} published programs 2025–2027 ` +
      `with ${c.program_measures} measures, ${c.records} records over the last 12 months (2 % soft-deleted), ` +
      "a provincial reviewer (510000) and a 成都市 reviewer (510100). " +
      `Scoring: a criteria system of 60 base items (100 points), one 省级 round in provincial review with ${c.applications} applications ` +
      `(one in ${SCORING.sectorShare} health bodies through the sector channel, the rest through their city's quota pool), each on a panel of ${SCORING.panelSize} ` +
      `of ${SCORING.experts} provincial experts: ${c.assignments} seats, ${c.score_forms} submitted forms, ${c.scores} score rows, ` +
      `${c.application_results} kept results (trimmed mean) computed with the scoring domain. ` +
      `Titles: ${c.awards} 省级 and 全国 titles over the current and the last term (a few warned and revoked) with ${c.award_events} history rows, ` +
      "every unit with its pinyin initials. Seeded by `scripts/bench/seed-scale.ts`, `seed-scoring.ts` and `seed-titles.ts`: " +
      "migrations through wrangler, rows straight into miniflare's SQLite file in one transaction.",
  );
  p();
  p("## Endpoints");
  p();
  p(
    "p50/p95: client-side, sequential, keep-alive, over 127.0.0.1. SQL p50: every statement the request runs " +
      "(the session lookup, which also reads the tenant scope, then the route's queries), captured from the Worker's own data functions and " +
      "run back to back with node:sqlite on the same SQLite file, prepared once. Each endpoint request is followed by one " +
      "`GET /api/health`, so each row has its own health p50 taken under the same (shared, drifting) load; floor = that health p50 + SQL p50. " +
      `Budget (unit list, rollup by city, ranking page): p50 ≤ 1.5 × floor and < 30 ms. "response (direct SQL)": what the Worker answered, and whether running the captured SQL directly gave the same answer. ` +
      "The ranking rows read the round's top 50 (no filter, one city, one sector) as the provincial reviewer; their SQL is the route's batch rebuilt from the same data functions (worker/data/ranking.ts).",
  );
  p();
  p(i.table(i.base));
  p();
  writesSection(p, i.save, i.load);
  p("## Bundles");
  p();
  p(
    `- SPA first-load JS for the public page: ${spa ? `**${kb(spa.gzipBytes)} gzip** over ${spa.files} files (${spa.source}; test/browser/bundle.ts logic) → ${spa.gzipBytes < 250 * 1024 ? "holds" : "**misses**"} the 250 KB budget` : "not measured"}`,
  );
  p(
    `- Worker bundle: ${worker ? `**${kb(worker.gzipBytes)} gzip** (${kb(worker.rawBytes)} raw, \`wrangler deploy --dry-run --outdir\`) → ${worker.gzipBytes < 1024 * 1024 ? "holds" : "**misses**"} the 1 MB budget` : "not measured"}`,
  );
  for (const e of i.bundles.errors) p(`- ${e}`);
  p();
  p("## Commentary");
  p();
  p(
    `Budgeted endpoints holding: ${held.length ? held.map((r) => r.endpoint.name).join(", ") : "none"}. ` +
      `Missing: ${missed.length ? missed.map((r) => `${r.endpoint.name} (${r.verdict.replace(/^MISS \((.*)\)$/, "$1")})`).join(", ") : "none"}.`,
  );
  const hit = row(i.base, "public awards (cache hit)");
  const miss = row(i.base, "public awards (cache miss)");
  if (hit && miss) {
    p();
    p(
      `**The public awarded-units page.** Served from the edge cache (Workers Cache API) after the first read of a URL: ` +
        `a hit costs p50 ${ms(hit.http.p50)} (${hit.trips} round trip: the office and its public version, which is part of the cache key) against ` +
        `${ms(miss.http.p50)} for a miss (${miss.trips} round trips: that read, then the page and its total; every request of the miss row asks for ` +
        "a new page or page size). The first read after any change to what the public sees is a miss, because the change moves the version.",
    );
  }
  p();
  p(
    `**Cost of a local D1 round trip.** \`/api/auth/me\` makes ${me?.trips ?? "?"} round trip (${me?.statements.length ?? "?"} trivial statements, SQL ${ms(me?.sql.p50 ?? Number.NaN)}) ` +
      `yet costs ${ms(me?.http.p50 ?? Number.NaN)} against ${ms(me?.health.p50 ?? Number.NaN)} for the health requests interleaved with it: about **${ms(perTrip)} per round trip** ` +
      "(Worker → D1 Durable Object → SQLite and back, plus drizzle mapping), which the floor does not contain. " +
      "In steady state the session lookup rides in the route's own batch (a per-isolate hint of the session's scope, released only if the lookup agrees), " +
      'so every read above makes one round trip (the "D1 round trips" column is what the Worker reported). ' +
      `At that price the ${listTrips}-trip unit page costs about ${ms(modelled)} (health + ${listTrips} round trip + its SQL) against ${ms(allowed)} allowed (1.5 × floor): ` +
      `${modelled > allowed ? "over the ratio even at one round trip: what is left is the Worker's own work." : "within the ratio; what is left over is the Worker's own work and noise."}`,
  );
  p();
  p(
    "**Before and after the scoring data.** The run of 2026-12-01 (before: no round, no forms, no scores in the tenant) against this run; " +
      `the ranking and the form save are new. Load average at start: before ${BEFORE_LOAD}, now ${i.box.load}: ` +
      "compare the ratios to the floor, the absolute numbers moved with the machine's load (see the health p50).",
  );
  p();
  p("| endpoint | p50 before | ratio before | round trips before | p50 now | ratio now | round trips now |");
  p("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const [name, before] of Object.entries(BEFORE)) {
    const now = row(i.base, name);
    p(
      `| ${name} | ${before.p50.toFixed(2)} | ${before.ratio.toFixed(2)}× | ${before.trips} | ${now ? now.http.p50.toFixed(2) : "—"} | ${now ? `${now.ratio.toFixed(2)}×` : "—"} | ${now?.trips ?? "—"} |`,
    );
  }
  p();
  const form = row(i.base, "form (expert, 60 items)");
  if (form && i.save) {
    p(
      `**The form save against its reads.** Reading the form alone (the same ${form.statements.length - 1} statements the save reads first, and again at the end of its write batch) ` +
        `costs p50 ${ms(form.http.p50)} (SQL ${ms(form.sql.p50)}: ${(form.perStatement ?? []).map((x) => `${x.name} ${x.p50.toFixed(2)}`).join(", ")} ms); ` +
        `the save ${ms(i.save.http.p50)}, so its write batch (60 score upserts, the form's guarded update, the audit event, the result refresh) and the Worker's ` +
        `own work on 60 items (validation, totals, the answer) take about ${ms(i.save.http.p50 - form.http.p50)} on top.`,
    );
    p();
  }
  const rankings = i.base.filter((r) => r.endpoint.name.startsWith("ranking"));
  if (rankings.length) {
    p(
      "**Ranking.** Each page grades the whole round once (3,000 applications: one rank() over the sort keys) before the caller's " +
        "scope and filters pick 50 rows; the city, sector and pool ranks and the pools' cut-offs are counted for the page rows and a summary row. " +
        "Its statements, each timed alone on the file (SQL p50):",
    );
    p();
    for (const r of rankings) {
      const parts = (r.perStatement ?? []).map((x) => `${x.name} ${x.p50.toFixed(2)}`).join(", ");
      p(
        `- ${r.endpoint.name}: p50 ${ms(r.http.p50)}, floor ${ms(r.floor)} (${r.ratio.toFixed(2)}×), ${r.trips} round trip(s); ${parts} ms`,
      );
    }
    p();
  }
  p(
    "**Filtered unit lists.** Indexes that lead with the filter (city, sector) and then the materialised path make both the page and its " +
      "total an exact range; a name search still walks the units in scope (the SQL column shows its cost).",
  );
  p();
  p(
    "**Rollups.** Their cost is linear in the units (and measures, records) in scope: at province scope each statement visits ~9,000 units. " +
      "`rollups/programs` is one statement grouped by (city, sector, kind), probing programs once per unit and folded into its breakdowns in the Worker " +
      "(it was four statements, one per breakdown). " +
      "`rollups/measures` and `rollups/records` have no §5 budget; they are listed so their cost at this scale is known.",
  );
  p();
  p(
    "**Survey.** A round of its own (reviewers do not score survey items, so the scoring round's 60-item saves stay as §5 budgets them): " +
      "the same 3,000 units with 40 answers each. The results page counts each page's answers and looks for bursts per application " +
      "(8 from one network within 10 minutes) in one statement, and reads the points kept on write per item; no answer is re-scored on read. " +
      "A public answer is not measured: its signed start time and the too-fast rule need a real wait between reading and answering.",
  );
  if (i.proposal) {
    p();
    p("## Proposed indexes, measured");
    p();
    p(
      "Measured on a copy of the benchmark database with these created (the Worker and its SQL unchanged), " +
        "in the same run; only the endpoints whose plans change are repeated:",
    );
    p();
    p("```sql");
    for (const x of i.proposals) p(`${x.sql};`);
    p("```");
    p();
    p("In db/schema.ts (then `npm run db:generate`):");
    p();
    p("```ts");
    for (const x of i.proposals) p(x.schema);
    p("```");
    p();
    p(i.table(i.proposal));
    p();
    p("| endpoint | p50 today | p50 with indexes | SQL p50 today | SQL p50 with indexes |");
    p("| --- | ---: | ---: | ---: | ---: |");
    for (const r of i.proposal) {
      if (r.endpoint.name === "health") continue;
      const b = row(i.base, r.endpoint.name);
      if (b) p(`| ${r.endpoint.name} | ${ms(b.http.p50)} | ${ms(r.http.p50)} | ${ms(b.sql.p50)} | ${ms(r.sql.p50)} |`);
    }
  }
  if (i.rewrites.length) {
    p();
    p("## Proposed query change, measured (SQL only)");
    p();
    p(
      "`programRollup` as one statement grouped by (city_id, sector_id, kind_id) — at most 21 × 12 × 7 rows — " +
        "with totals, byCity, bySector and byKind summed in the Worker and named from the tenant's jurisdiction/sector/kind rows " +
        "(small lists the Worker can read in the same batch or cache). Timed on the same file as the route's statements today:",
    );
    p();
    p("| variant | route statements today | SQL p50 today | SQL p50 as one statement |");
    p("| --- | ---: | ---: | ---: |");
    for (const r of i.rewrites)
      p(`| ${r.endpoint}, ${r.label} | ${r.statementsNow} | ${ms(r.now)} | ${ms(r.rewritten)} |`);
  }
  p();
  p("## Not measured yet");
  p();
  p("- Public awarded-units page served from cache after the first hit: not built.");
  p(
    "- Production D1 (network, replicas) and cold starts: everything here is one local process pair; the ratios, not the absolute numbers, are the point.",
  );
  p();
  p(`Seed fingerprint ${i.manifest.fingerprint}, tenant \`${BENCH.slug}\`.`);
  p();
  return lines.join("\n");
}
