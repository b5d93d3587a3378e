import type { z } from "@hono/zod-openapi";
import { queryOptions } from "@tanstack/react-query";
import type {
  ApplicationSurvey as ApplicationSurveySchema,
  SurveyResults as SurveyResultsSchema,
} from "../../../worker/schemas/survey.ts";
import { client, unwrap } from "./client.ts";

export type SurveyResults = z.infer<typeof SurveyResultsSchema>;
export type SurveyResultRow = SurveyResults["rows"][number];
export type ApplicationSurvey = z.infer<typeof ApplicationSurveySchema>;
export type SurveyItemPoints = ApplicationSurvey["items"][number];

const t = client.api.t[":tenant"];

export const surveyResultsKey = (tenant: string) => ["t", tenant, "survey-results"] as const;

/** The results page shows a round's applications in pages of this many. */
export const RESULTS_PAGE_SIZE = 50;

export const surveyResultsQuery = (tenant: string, roundId: string, page: number, cityId: string | undefined) =>
  queryOptions({
    queryKey: [...surveyResultsKey(tenant), "round", roundId, page, cityId ?? null] as const,
    queryFn: (): Promise<SurveyResults> =>
      unwrap(
        t.rounds[":id"].survey.results.$get({
          param: { tenant, id: roundId },
          query: { page: String(page), pageSize: String(RESULTS_PAGE_SIZE), ...(cityId ? { cityId } : {}) },
        }),
      ),
  });

export const applicationSurveyQuery = (tenant: string, applicationId: string) =>
  queryOptions({
    queryKey: [...surveyResultsKey(tenant), "application", applicationId] as const,
    queryFn: (): Promise<ApplicationSurvey> =>
      unwrap(t.applications[":id"].survey.$get({ param: { tenant, id: applicationId } })),
  });

/** A reviewer's points for an item below the minimum sample (null clears them). */
export function enterSurveyPoints(
  tenant: string,
  applicationId: string,
  body: { itemCode: string; points: number | null },
): Promise<ApplicationSurvey> {
  return unwrap(t.applications[":id"].survey.entered.$put({ param: { tenant, id: applicationId }, json: body }));
}
