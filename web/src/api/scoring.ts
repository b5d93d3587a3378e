import type { z } from "@hono/zod-openapi";
import { queryOptions } from "@tanstack/react-query";
import type {
  ApplicationScores as ApplicationScoresSchema,
  FormView as FormViewSchema,
  PanelView as PanelViewSchema,
  ProposeChangeBody as ProposeChangeBodySchema,
  SaveFormBody as SaveFormBodySchema,
  ScoreChangeView as ScoreChangeViewSchema,
  SignoffList as SignoffListSchema,
  SignoffView as SignoffViewSchema,
} from "../../../worker/schemas/scoring.ts";
import { client, unwrap } from "./client.ts";

export type { Stage } from "../../../worker/domain/vocabulary.ts";
export { STAGES } from "../../../worker/domain/vocabulary.ts";

import type { Stage } from "../../../worker/domain/vocabulary.ts";

export type ScoreForm = z.infer<typeof FormViewSchema>;
export type SaveFormInput = z.input<typeof SaveFormBodySchema>;
export type ApplicationScores = z.infer<typeof ApplicationScoresSchema>;
export type Panel = z.infer<typeof PanelViewSchema>;
export type PanelMember = Panel["panels"][number]["members"][number];
export type Conflict = Panel["conflicts"][number];
export type ScoreChange = z.infer<typeof ScoreChangeViewSchema>;
export type ProposeChangeInput = z.input<typeof ProposeChangeBodySchema>;
export type Signoff = z.infer<typeof SignoffViewSchema>;
export type Signoffs = z.infer<typeof SignoffListSchema>;

const t = client.api.t[":tenant"];

export const scoringKey = (tenant: string, applicationId: string) => ["t", tenant, "scoring", applicationId] as const;

export const formQuery = (tenant: string, applicationId: string, stage: Stage) =>
  queryOptions({
    queryKey: [...scoringKey(tenant, applicationId), "form", stage] as const,
    queryFn: (): Promise<ScoreForm> =>
      unwrap(t.applications[":id"].form.$get({ param: { tenant, id: applicationId }, query: { stage } })),
  });

export function saveForm(tenant: string, applicationId: string, body: SaveFormInput): Promise<ScoreForm> {
  return unwrap(t.applications[":id"].form.$put({ param: { tenant, id: applicationId }, json: body }));
}

export const scoresQuery = (tenant: string, applicationId: string) =>
  queryOptions({
    queryKey: [...scoringKey(tenant, applicationId), "scores"] as const,
    queryFn: (): Promise<ApplicationScores> =>
      unwrap(t.applications[":id"].scores.$get({ param: { tenant, id: applicationId } })),
  });

/** The most records one request may read (the server's page-size cap). */
const RECORD_NAME_PAGE = 100;

/** One page of a unit's records at the largest page size: what an application's linked records are named from. */
export const unitRecordNamesQuery = (tenant: string, unitId: string, page: number) =>
  queryOptions({
    queryKey: ["t", tenant, "records", unitId, "names", page] as const,
    queryFn: () =>
      unwrap(
        t.units[":unitId"].records.$get({
          param: { tenant, unitId },
          query: { page: String(page), pageSize: String(RECORD_NAME_PAGE) },
        }),
      ),
    staleTime: 5 * 60_000,
  });

export const RECORD_NAME_PAGE_SIZE = RECORD_NAME_PAGE;

// ─── Panels and conflicts ───────────────────────────────────────────────────────────────────────────

export const panelQuery = (tenant: string, applicationId: string) =>
  queryOptions({
    queryKey: [...scoringKey(tenant, applicationId), "panel"] as const,
    queryFn: (): Promise<Panel> => unwrap(t.applications[":id"].panel.$get({ param: { tenant, id: applicationId } })),
  });

export function setPanel(tenant: string, applicationId: string, stage: Stage, reviewerIds: string[]): Promise<Panel> {
  return unwrap(
    t.applications[":id"].panel.$put({ param: { tenant, id: applicationId }, json: { stage, reviewerIds } }),
  );
}

export function exemptReviewer(
  tenant: string,
  applicationId: string,
  input: { stage: Stage; reviewerId: string; reason: string },
): Promise<Panel> {
  return unwrap(t.applications[":id"].panel.exempt.$post({ param: { tenant, id: applicationId }, json: input }));
}

export function declareConflict(tenant: string, applicationId: string, reason: string) {
  return unwrap(t.applications[":id"].conflicts.$post({ param: { tenant, id: applicationId }, json: { reason } }));
}

export function decideConflict(
  tenant: string,
  applicationId: string,
  conflictId: string,
  decision: "accept" | "override",
  reason: string,
) {
  return unwrap(
    t.applications[":id"].conflicts[":conflictId"].decision.$post({
      param: { tenant, id: applicationId, conflictId },
      json: { decision, reason },
    }),
  );
}

// ─── Score changes after a stage closed ─────────────────────────────────────────────────────────────

export const scoreChangesQuery = (tenant: string, applicationId: string) =>
  queryOptions({
    queryKey: [...scoringKey(tenant, applicationId), "changes"] as const,
    queryFn: () => unwrap(t.applications[":id"]["score-changes"].$get({ param: { tenant, id: applicationId } })),
  });

export function proposeScoreChange(tenant: string, applicationId: string, input: ProposeChangeInput) {
  return unwrap(t.applications[":id"]["score-changes"].$post({ param: { tenant, id: applicationId }, json: input }));
}

export function decideScoreChange(
  tenant: string,
  applicationId: string,
  changeId: string,
  decision: "approve" | "reject",
  reason: string | undefined,
) {
  return unwrap(
    t.applications[":id"]["score-changes"][":changeId"].decision.$post({
      param: { tenant, id: applicationId, changeId },
      json: { decision, ...(reason ? { reason } : {}) },
    }),
  );
}

// ─── Department sign-off ────────────────────────────────────────────────────────────────────────────

export const signoffsQuery = (tenant: string, applicationId: string) =>
  queryOptions({
    queryKey: [...scoringKey(tenant, applicationId), "signoffs"] as const,
    queryFn: () => unwrap(t.applications[":id"].signoffs.$get({ param: { tenant, id: applicationId } })),
  });

export function giveSignoff(
  tenant: string,
  applicationId: string,
  verdict: "clear" | "veto",
  reason: string | undefined,
) {
  return unwrap(
    t.applications[":id"].signoff.$put({
      param: { tenant, id: applicationId },
      json: { verdict, ...(reason ? { reason } : {}) },
    }),
  );
}
