import { type SQL, sql } from "drizzle-orm";
import type { Paging } from "../domain/paging.ts";
import type { Db } from "./db.ts";
import { sqlRound2 } from "./results.ts";
import type { Scope } from "./scope.ts";

// A round's ranking, read in SQL: window functions over the kept results (application_results), never the
// scores. Ranks are taken over the WHOLE round of the tenant (every scored, not vetoed application at the ranking
// stage), then the caller's scope and filters pick the rows, so a city reviewer sees their units' provincial
// rank. Every statement is a plain `select` (derived tables, no `with`), so all of them ride in one D1 batch.
//
// The order is the domain's (worker/domain/scoring/ranking.ts): round2(aggregate) descending, then the round's
// tie-break keys in its order, each compared after round2 (method subtotals and the first category descending,
// deductions ascending, submission time ascending with none counting as latest); standard competition ranking.

/** The stage a round ranks by from its phase: the city's until provincial review begins. */
const STAGE_OF_PHASE = sql`case when rs.phase in ('draft', 'applications_open', 'city_review') then 'city'
  else 'province' end`;

/** Statuses that take part in each stage's ranking. */
const CITY_OUT = sql`('draft', 'not_submitted', 'withdrawn')`;
const PROVINCE_IN = sql`('city_recommended', 'province_scored', 'on_notice', 'awarded', 'not_awarded', 'vetoed')`;

/** The ranking stage of a round of the caller's tenant, as a scalar subquery. */
export function rankingStageOf(tenantId: string, roundId: string): SQL {
  return sql`(select ${STAGE_OF_PHASE} from rounds rs where rs.tenant_id = ${tenantId} and rs.id = ${roundId})`;
}

const MAX_TIE_BREAKS = 7;

/** The i-th tie-break key of the round's settings as an ascending sort key (0 when the round has fewer). */
function tieBreakKey(i: number): SQL {
  const r = (column: string) => sqlRound2(sql.raw(`r.${column}`));
  return sql`case json_extract(st.settings, ${`$.tieBreak[${i}]`})
    when 'onsite' then -${r("onsite")}
    when 'material' then -${r("material")}
    when 'survey' then -${r("survey")}
    when 'online' then -${r("online")}
    when 'first_category' then -${r("first_category")}
    when 'fewer_deductions' then ${r("deduction")}
    when 'earlier_submission' then coalesce(a.submitted_at, '~')
    else 0 end`;
}

const KEYS = Array.from({ length: MAX_TIE_BREAKS }, (_, i) => `k${i + 1}`);

/**
 * Every application of the round at its ranking stage, narrow (what ranking, scope and filters need): its
 * quota-pool key (`city:<id>` or `sector:<id>` by channel), bucket (0 ranked, 1 unscored, 2 vetoed), k0 (the
 * rounded aggregate) and g, its rank over the whole round inside its bucket (the rank itself in bucket 0). The
 * sort keys are compared once, here: ranks inside a city, sector or pool count the rows of that group with a
 * smaller g (two rows tie on g exactly when every key ties). Not yet filtered by scope.
 */
function graded(tenantId: string, roundId: string): SQL {
  const base = sql`select a.id app_id, a.jurisdiction_path path, a.status, u.city_id, u.sector_id, u.kind_id,
      st.stage,
      case a.channel
        when 'sector' then case when a.channel_sector_id is null then null else 'sector:' || a.channel_sector_id end
        else case when u.city_id is null then null else 'city:' || u.city_id end end pool_key,
      case when coalesce(r.vetoed, 0) = 1 then 2 when r.aggregate is null then 1 else 0 end bucket,
      ${sqlRound2(sql`r.aggregate`)} k0,
      ${sql.join(
        KEYS.map((k, i) => sql`${tieBreakKey(i)} ${sql.raw(k)}`),
        sql`, `,
      )}
    from (select rs.id round_id, rs.settings, ${STAGE_OF_PHASE} stage from rounds rs
      where rs.tenant_id = ${tenantId} and rs.id = ${roundId}) st
    join applications a on a.tenant_id = ${tenantId} and a.round_id = st.round_id
    join units u on u.id = a.unit_id
    left join application_results r on r.application_id = a.id and r.stage = st.stage
    where ((st.stage = 'city' and a.status not in ${CITY_OUT}) or (st.stage = 'province' and a.status in ${PROVINCE_IN}))`;
  return sql`select b.app_id, b.path, b.status, b.city_id, b.sector_id, b.kind_id, b.stage, b.pool_key, b.bucket,
      b.k0, rank() over (partition by b.bucket order by ${sql.raw(`b.k0 desc, ${KEYS.map((k) => `b.${k}`).join(", ")}`)}) g
    from (${base}) b`;
}

/** True for a row (`x.app_id`, `x.stage`) the caller sits on with an active seat and no submitted form. */
function blindFor(userId: string): SQL {
  return sql`exists (select 1 from assignments s where s.application_id = x.app_id and s.stage = x.stage
    and s.reviewer_user_id = ${userId} and s.status = 'active'
    and not exists (select 1 from score_forms f where f.application_id = x.app_id and f.stage = x.stage
      and f.reviewer_user_id = ${userId} and f.status = 'submitted'))`;
}

export interface RankingFilters {
  city?: string | undefined;
  sector?: string | undefined;
  kind?: string | undefined;
  pool?: string | undefined;
  status?: string | undefined;
}

/** The rows the caller may see: under their scope node, and the filters asked for. */
function visible(scope: Scope, filters: RankingFilters): SQL {
  // Columns of the graded rows (`x`).
  const path = scope.jurisdictionPath ?? "\uffff";
  const conditions = [sql`x.path >= ${path} and x.path < ${`${path}\uffff`}`];
  if (filters.city) conditions.push(sql`x.city_id = ${filters.city}`);
  if (filters.sector) conditions.push(sql`x.sector_id = ${filters.sector}`);
  if (filters.kind) conditions.push(sql`x.kind_id = ${filters.kind}`);
  if (filters.pool) conditions.push(sql`x.pool_key = ${filters.pool}`);
  if (filters.status) conditions.push(sql`x.status = ${filters.status}`);
  return sql.join(conditions, sql` and `);
}

const col = <T>(name: string) => sql<T>`${sql.raw(`p.${name}`)}`;
const num = (name: string) => sql<number>`${sql.raw(`p.${name}`)}`.mapWith(Number);
const maybeNum = (name: string) =>
  sql<number | null>`${sql.raw(`p.${name}`)}`.mapWith((v: unknown) => (v === null ? null : Number(v)));

/**
 * One page of the ranking in the caller's scope, in ONE statement: ranked rows first (by rank), then unscored and
 * blind ones, then vetoed ones, each with its ranks in its city, sector and pool and, for a vetoed row, why (the
 * departments' reasons, the veto rules of the submitted forms' findings); and one `summary` row with the total of
 * rows in scope and filters and, per quota pool of the round, its rows inside the quota by pool rank (what the
 * domain's `cutOff` needs). The whole round is graded once (a materialized CTE inside the statement, which still
 * starts with `select`); names, totals and reasons are joined for the page's rows only.
 */
export function rankingPage(db: Db, scope: Scope, roundId: string, filters: RankingFilters, page: Paging) {
  const t = scope.tenantId;
  const settings = sql`(select settings from rounds where tenant_id = ${t} and id = ${roundId})`;
  const within = (column: string) =>
    sql.raw(`case when pg.bucket = 0 and pg.${column} is not null then 1 + (select count(*) from g g2
      where g2.bucket = 0 and g2.${column} = pg.${column} and g2.g < pg.g) end`);
  const departmentVeto = sql`(select group_concat(so.department || '：' || coalesce(so.reason, ''), '；')
    from signoffs so where so.application_id = pg.app_id and so.verdict = 'veto')`;
  const formVeto = sql`(select group_concat(distinct json_extract(vr.value, '$.text'))
    from score_forms f, json_each(f.veto_findings) v,
      json_each((select c.content from rounds rs join criteria_systems c on c.id = rs.criteria_system_id
        where rs.tenant_id = ${t} and rs.id = ${roundId}), '$.vetoRules') vr
    where f.application_id = pg.app_id and f.stage = pg.stage and f.status = 'submitted'
      and json_extract(vr.value, '$.id') = json_extract(v.value, '$.ruleId'))`;
  const statement = sql`with g as materialized (${graded(t, roundId)}),
    f as materialized (select y.*, case when y.blind = 1 then (case when exists (select 1 from signoffs so
        where so.application_id = y.app_id and so.verdict = 'veto') then 2 else 1 end) else y.bucket end display_group
      from (select x.*, ${blindFor(scope.userId)} blind from g x where ${visible(scope, filters)}) y),
    pg as (select f.*, case f.display_group when 0 then f.g when 2 then (case when f.blind = 0 then -f.k0 end) end
        sort_key
      from f order by f.display_group, sort_key is null, sort_key, f.app_id limit ${page.pageSize} offset ${page.offset}),
    q as (select 'city:' || json_extract(v.value, '$.cityId') pool, json_extract(v.value, '$.quota') quota
        from json_each(${settings}, '$.quotas.perCity') v
      union all select 'sector:' || json_extract(v.value, '$.sectorId'), json_extract(v.value, '$.quota')
        from json_each(${settings}, '$.quotas.perSector') v),
    cut as (select g.pool_key, g.k0, rank() over (partition by g.pool_key order by g.g) r from g
      where g.bucket = 0 and g.pool_key in (select pool from q))
    select 'row' kind, pg.app_id, pg.display_group, pg.sort_key, pg.blind, pg.status, pg.city_id,
      case when pg.bucket = 0 then pg.g end rank, ${within("city_id")} city_rank,
      ${within("sector_id")} sector_rank, ${within("pool_key")} pool_rank,
      a.unit_id, a.channel, a.channel_sector_id, u.name unit_name, cj.name city_name, se.name sector_name,
      r.aggregate, coalesce(r.extra_points, 0) extra_points, coalesce(r.reviewer_totals, '[]') reviewer_totals,
      coalesce(r.vetoed, 0) vetoed,
      case when r.vetoed = 1 then ${departmentVeto} end department_veto,
      case when r.vetoed = 1 then ${formVeto} end form_veto,
      null cut_offs, null total
    from pg
    join applications a on a.id = pg.app_id
    join units u on u.id = a.unit_id
    left join jurisdictions cj on cj.id = u.city_id
    left join sectors se on se.id = u.sector_id
    left join application_results r on r.application_id = pg.app_id and r.stage = pg.stage
    union all
    select 'summary', null, 9, null, 0, '', null, null, null, null, null, '', 'city', null, '', null, null, null, 0,
      '[]', 0, null, null,
      (select json_group_array(json_array(cut.pool_key, cut.k0, cut.r)) from cut join q on q.pool = cut.pool_key
        where cut.r <= q.quota),
      (select count(*) from f)`;
  return db
    .select({
      kind: col<"row" | "summary">("kind"),
      applicationId: col<string>("app_id"),
      unitId: col<string>("unit_id"),
      unitName: col<string>("unit_name"),
      cityId: col<string | null>("city_id"),
      city: col<string | null>("city_name"),
      sector: col<string | null>("sector_name"),
      status: col<string>("status"),
      channel: col<"city" | "sector">("channel"),
      channelSectorId: col<string | null>("channel_sector_id"),
      aggregate: maybeNum("aggregate"),
      extraPoints: num("extra_points"),
      reviewerTotals: col<string>("reviewer_totals"),
      vetoed: num("vetoed"),
      rank: maybeNum("rank"),
      cityRank: maybeNum("city_rank"),
      sectorRank: maybeNum("sector_rank"),
      poolRank: maybeNum("pool_rank"),
      blind: num("blind"),
      departmentVeto: col<string | null>("department_veto"),
      formVeto: col<string | null>("form_veto"),
      cutOffs: col<string | null>("cut_offs"),
      total: maybeNum("total"),
    })
    .from(sql`(${statement}) p`)
    .orderBy(sql`p.kind = 'summary', p.display_group, p.sort_key is null, p.sort_key, p.app_id`);
}

/** The pools in which the caller is blind on some application: their cut-offs are hidden from them. */
export function blindPools(db: Db, scope: Scope, roundId: string) {
  const t = scope.tenantId;
  return db
    .selectDistinct({
      pool: sql<string | null>`case a.channel when 'sector' then 'sector:' || a.channel_sector_id
        else 'city:' || u.city_id end`,
    })
    .from(sql`assignments s join applications a on a.id = s.application_id join units u on u.id = a.unit_id`)
    .where(
      sql`s.tenant_id = ${t} and s.round_id = ${roundId} and s.reviewer_user_id = ${scope.userId}
        and s.status = 'active' and s.stage = ${rankingStageOf(t, roundId)}
        and not exists (select 1 from score_forms f where f.application_id = s.application_id and f.stage = s.stage
          and f.reviewer_user_id = s.reviewer_user_id and f.status = 'submitted')`,
    );
}

/** The round's quota pools with their names (and, for a city's, its path): one statement per kind. */
export function quotaPools(db: Db, scope: Pick<Scope, "tenantId">, roundId: string) {
  const t = scope.tenantId;
  const settings = sql`(select settings from rounds where tenant_id = ${t} and id = ${roundId})`;
  return [
    db
      .select({
        pool: sql<string>`'city:' || j.id`,
        name: sql<string>`j.name`,
        quota: sql<number>`json_extract(q.value, '$.quota')`.mapWith(Number),
        path: sql<string | null>`j.path`,
      })
      .from(
        sql`json_each(${settings}, '$.quotas.perCity') q
        join jurisdictions j on j.tenant_id = ${t} and j.id = json_extract(q.value, '$.cityId')`,
      )
      .orderBy(sql`j.sort, j.code`),
    db
      .select({
        pool: sql<string>`'sector:' || s.id`,
        name: sql<string>`s.name`,
        quota: sql<number>`json_extract(q.value, '$.quota')`.mapWith(Number),
        path: sql<string | null>`null`,
      })
      .from(
        sql`json_each(${settings}, '$.quotas.perSector') q
        join sectors s on s.tenant_id = ${t} and s.id = json_extract(q.value, '$.sectorId')`,
      )
      .orderBy(sql`s.sort, s.code`),
  ] as const;
}

/** When the round's ranking stage was last calibrated (null: never). */
export function calibratedAt(db: Db, scope: Pick<Scope, "tenantId">, roundId: string) {
  const t = scope.tenantId;
  return db
    .select({ at: sql<string | null>`max(o.fitted_at)` })
    .from(sql`reviewer_offsets o`)
    .where(sql`o.tenant_id = ${t} and o.round_id = ${roundId} and o.stage = ${rankingStageOf(t, roundId)}`);
}
