import { queryOptions } from "@tanstack/react-query";
import { client, type OkBody, unwrap } from "./client.ts";

const t = client.api.t[":tenant"];
const report = t.applications[":id"].report;

export type ReportView = OkBody<Awaited<ReturnType<typeof report.$get>>>;
export type SaveReportBody = Parameters<typeof report.$put>[0]["json"];
export type ReportContent = SaveReportBody["content"];
export type ReportSection = ReportContent["sections"][number];
export type ReportItem = ReportSection["items"][number];
export type ReportFigure = SaveReportBody["figures"][number];
export type ReportLink = SaveReportBody["links"][number];
export type ParsedReport = OkBody<Awaited<ReturnType<typeof t.reports.parse.$post>>>;
export type ParsedReportDocument = ParsedReport["documents"][number];
export type RemovedLine = ParsedReport["removed"][number];

export { REMOVED_LINE_REASONS } from "../../../worker/domain/vocabulary.ts";

export const reportKey = (tenant: string, applicationId: string) =>
  ["t", tenant, "applications", applicationId, "report"] as const;

export const reportQuery = (tenant: string, applicationId: string) =>
  queryOptions({
    queryKey: reportKey(tenant, applicationId),
    queryFn: () => unwrap(report.$get({ param: { tenant, id: applicationId } })),
  });

export function saveReport(tenant: string, applicationId: string, body: SaveReportBody) {
  return unwrap(report.$put({ param: { tenant, id: applicationId }, json: body }));
}

/** `keep`: removed lines the user restored, kept as text by the next parse. */
export function parseReportText(tenant: string, text: string, keep: string[]) {
  return unwrap(t.reports.parse.$post({ param: { tenant }, json: { text, keep } }));
}
