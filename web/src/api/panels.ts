import type { z } from "@hono/zod-openapi";
import { PANEL_PHASES } from "../../../worker/domain/round-phase.ts";
import type { Phase, Stage } from "../../../worker/domain/vocabulary.ts";
import type { AutoAssignResult as AutoAssignResultSchema } from "../../../worker/schemas/scoring.ts";
import { client, unwrap } from "./client.ts";

export type AutoAssignResult = z.infer<typeof AutoAssignResultSchema>;

const t = client.api.t[":tenant"];

/**
 * The stages whose panels may be filled in a phase, the one the phase is in (or about to enter) first: 报名中 → city;
 * 市级评审 → city, then province; 省级评审 → province; none in other phases.
 */
export function autoAssignStages(phase: Phase): Stage[] {
  return (["city", "province"] as const).filter((s) => PANEL_PHASES[s].includes(phase));
}

/** Fills every panel of a stage up to the round's panel size (tenant admin). */
export function autoAssignPanels(tenant: string, roundId: string, stage: Stage): Promise<AutoAssignResult> {
  return unwrap(t.rounds[":roundId"].panels.auto.$post({ param: { tenant, roundId }, json: { stage } }));
}
