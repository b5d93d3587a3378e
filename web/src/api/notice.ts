import type { z } from "@hono/zod-openapi";
import { queryOptions } from "@tanstack/react-query";
import type {
  NamingBody,
  ObjectionFindingBody,
  ObjectionView,
  PublishNoticeBody,
  RoundNoticeView,
  UpdateObjectionBody,
} from "../../../worker/schemas/notice.ts";
import { client, unwrap } from "./client.ts";
import type { Round } from "./rounds.ts";

export type RoundNotice = z.infer<typeof RoundNoticeView>;
export type NoticeEntry = RoundNotice["entries"][number];
export type ExclusionReason = RoundNotice["excluded"][number]["reason"];
export type Objection = z.infer<typeof ObjectionView>;
export type ObjectionStatus = Objection["status"];
export type PublishNoticeInput = Omit<z.infer<typeof PublishNoticeBody>, "version">;
export type ObjectionChanges = Omit<z.infer<typeof UpdateObjectionBody>, "version">;
export type FindingInput = Omit<z.infer<typeof ObjectionFindingBody>, "version">;
export type NamingInput = Omit<z.infer<typeof NamingBody>, "version">;

const t = client.api.t[":tenant"];
const round = t.rounds[":id"];
const objection = t.objections[":id"];

/** Everything about a round's notice: the notice itself, its objections (the round query is refetched beside). */
export const noticeKey = (tenant: string, roundId: string) => ["t", tenant, "rounds", roundId, "notice"] as const;

export const roundNoticeQuery = (tenant: string, roundId: string) =>
  queryOptions({
    queryKey: noticeKey(tenant, roundId),
    queryFn: () => unwrap(round.notice.$get({ param: { tenant, id: roundId } })),
  });

export const objectionsQuery = (tenant: string, roundId: string) =>
  queryOptions({
    queryKey: [...noticeKey(tenant, roundId), "objections"] as const,
    queryFn: () => unwrap(round.objections.$get({ param: { tenant, id: roundId } })),
  });

/** 发布公示: province_review → notice, on the round version the reader saw. */
export function publishNotice(tenant: string, r: Round, input: PublishNoticeInput) {
  return unwrap(round.notice.$post({ param: { tenant, id: r.id }, json: { version: r.version, ...input } }));
}

/** Assign, start investigating or keep internal notes. */
export function updateObjection(tenant: string, o: Objection, changes: ObjectionChanges) {
  return unwrap(objection.$patch({ param: { tenant, id: o.id }, json: { version: o.version, ...changes } }));
}

/** 调查结论: upheld takes the unit off the shortlist. */
export function recordFinding(tenant: string, o: Objection, input: FindingInput) {
  return unwrap(objection.finding.$post({ param: { tenant, id: o.id }, json: { version: o.version, ...input } }));
}

/** 命名表彰: notice → named; a 409 phase_blocked lists what stands in the way. */
export function nameRound(tenant: string, r: Round, input: NamingInput) {
  return unwrap(round.naming.$post({ param: { tenant, id: r.id }, json: { version: r.version, ...input } }));
}
