// The demo offices' synonym lists (近义词表): words units write in their reports, and the wording of the demo
// criteria system (db/seed/criteria.ts) they stand for, so the demo's suggestions find those items.
import { and, eq, exists, not, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { insertWhere } from "../../worker/data/conditional.ts";
import type { Db } from "../../worker/data/db.ts";
import type { Synonym } from "../../worker/domain/criteria-match.ts";
import { criteriaSynonyms, tenants } from "../schema.ts";

export const DEMO_SYNONYMS: readonly Synonym[] = [
  { term: "道德讲堂", means: "道德讲堂建设" },
  { term: "学雷锋", means: "学雷锋志愿服务" },
  { term: "中心组学习", means: "理论学习中心组学习制度" },
  { term: "学习强国", means: "理论学习中心组学习制度" },
  { term: "志愿者", means: "志愿服务" },
  { term: "文明实践", means: "新时代文明实践中心志愿服务" },
  { term: "端午节", means: "我们的节日弘扬中华优秀传统文化" },
  { term: "中秋节", means: "我们的节日弘扬中华优秀传统文化" },
  { term: "节约粮食", means: "文明餐桌光盘行动勤俭节约" },
  { term: "宪法宣传", means: "法治宣传教育" },
  { term: "廉政教育", means: "廉洁文化建设" },
  { term: "驻村帮扶", means: "乡村振兴结对帮扶" },
  { term: "双报到", means: "社区文明共建" },
  { term: "职工之家", means: "群众性文化体育活动场所" },
  { term: "健步走", means: "群众性文化体育活动" },
  { term: "无烟单位", means: "公共场所控烟禁烟标识" },
];

/**
 * The demo list for each office whose list was never saved and is empty: one statement per office (the list
 * fits in one), so re-seeding never brings back pairs an office removed.
 */
export function demoSynonymStatements(db: Db, offices: ReadonlyArray<{ id: string }>): BatchItem<"sqlite">[] {
  return offices.flatMap(({ id: tenantId }) =>
    insertWhere(
      db,
      criteriaSynonyms,
      DEMO_SYNONYMS.map((s, position) => ({ id: `${tenantId}-synonym-${position + 1}`, tenantId, position, ...s })),
      and(
        exists(
          db
            .select({ id: tenants.id })
            .from(tenants)
            .where(and(eq(tenants.id, tenantId), eq(tenants.synonymsVersion, 1))),
        ),
        not(
          exists(
            db
              .select({ id: criteriaSynonyms.id })
              .from(criteriaSynonyms)
              .where(eq(criteriaSynonyms.tenantId, tenantId)),
          ),
        ),
      ) as SQL,
    ),
  );
}
