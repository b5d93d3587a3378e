// The round's applications as the survey pages list them: in the caller's scope, all but withdrawn ones, by place
// and unit name, one page in ONE statement with its total; each page adds its own columns.
import { and, asc, count, eq, ne, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { applications, jurisdictions, surveyResponses, units } from "../../db/schema.ts";
import type { Paging } from "../domain/paging.ts";
import type { SurveyResponseStatus } from "../domain/vocabulary.ts";
import type { Db } from "./db.ts";
import { pageTotal } from "./page-total.ts";
import { applicationsInScope, type Scope } from "./scope.ts";

/** Responses of one status for application `applicationId` (a column of an outer query). */
export const responsesOfStatus = (applicationId: SQL | typeof applications.id, status: SurveyResponseStatus) =>
  sql<number>`(select count(*) from ${surveyResponses} sr
    where sr.application_id = ${applicationId} and sr.status = ${status})`.mapWith(Number);

const city = alias(jurisdictions, "city");

/** One page of the round's applications in scope narrowed by `filter`, with the unit, its city and `columns`. */
export function surveyApplicationsPage<Columns extends Record<string, SQL | SQL.Aliased>>(
  db: Db,
  scope: Scope,
  roundId: string,
  filter: SQL | undefined,
  page: Paging,
  columns: Columns,
) {
  const where = and(
    applicationsInScope(scope),
    eq(applications.roundId, roundId),
    ne(applications.status, "withdrawn"),
    filter,
  );
  const total = pageTotal(
    db.select({ n: count() }).from(applications).innerJoin(units, eq(units.id, applications.unitId)).where(where),
  );
  const statement = db
    .select({
      applicationId: applications.id,
      unitName: units.name,
      city: city.name,
      ...columns,
      total: total.column,
    })
    .from(applications)
    .innerJoin(units, eq(units.id, applications.unitId))
    .leftJoin(city, eq(city.id, units.cityId))
    .where(where)
    .orderBy(asc(applications.jurisdictionPath), asc(units.name), asc(applications.id))
    .limit(page.pageSize)
    .offset(page.offset);
  return { statement, total: (rows: Array<{ total: number }>) => total.of(rows, page.offset) };
}
