import { queryOptions } from "@tanstack/react-query";
import { client, type OkBody, unwrap } from "./client.ts";

const t = client.api.t[":tenant"];
const ofRound = t.rounds[":id"].survey;
const posterOf = t.applications[":id"].survey.poster;

export type SurveyView = OkBody<Awaited<ReturnType<typeof ofRound.$get>>>;
export type SurveyQuestion = SurveyView["questions"][number];
export type SaveSurveyInput = Parameters<typeof ofRound.$put>[0]["json"];
export type SurveyLinkList = OkBody<Awaited<ReturnType<typeof ofRound.links.$get>>>;
export type SurveyLink = SurveyLinkList["items"][number];
export type SurveyPoster = OkBody<Awaited<ReturnType<typeof posterOf.$get>>>;

export { BELOW_MINIMUM_RULES, SURVEY_AUDIENCES } from "../../../worker/domain/vocabulary.ts";

export const surveyKey = (tenant: string) => ["t", tenant, "survey"] as const;

export const roundSurveyQuery = (tenant: string, roundId: string) =>
  queryOptions({
    queryKey: [...surveyKey(tenant), "round", roundId] as const,
    queryFn: () => unwrap(ofRound.$get({ param: { tenant, id: roundId } })),
  });

export function saveSurvey(tenant: string, roundId: string, input: SaveSurveyInput) {
  return unwrap(ofRound.$put({ param: { tenant, id: roundId }, json: input }));
}

export const surveyLinksQuery = (tenant: string, roundId: string, page: number, pageSize: number) =>
  queryOptions({
    queryKey: [...surveyKey(tenant), "links", roundId, page, pageSize] as const,
    queryFn: () =>
      unwrap(
        ofRound.links.$get({
          param: { tenant, id: roundId },
          query: { page: String(page), pageSize: String(pageSize) },
        }),
      ),
  });

export const surveyPosterQuery = (tenant: string, applicationId: string) =>
  queryOptions({
    queryKey: [...surveyKey(tenant), "poster", applicationId] as const,
    queryFn: () => unwrap(posterOf.$get({ param: { tenant, id: applicationId } })),
  });

/** The link respondents open: this site's origin and the link's path. */
export const surveyUrl = (path: string) => `${window.location.origin}${path}`;
