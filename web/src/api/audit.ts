import { queryOptions } from "@tanstack/react-query";
import type { AuditSearch } from "./audit-search.ts";
import { client, type OkBody, unwrap } from "./client.ts";

export const AUDIT_PAGE_SIZE = 20;

const events = client.api.t[":tenant"]["audit-events"];

export type AuditPage = OkBody<Awaited<ReturnType<typeof events.$get>>>;
export type AuditEvent = AuditPage["items"][number];

export const auditQuery = (tenant: string, search: AuditSearch) =>
  queryOptions({
    queryKey: ["t", tenant, "audit", search] as const,
    queryFn: () =>
      unwrap(
        events.$get({
          param: { tenant },
          query: {
            action: search.action,
            targetType: search.targetType,
            page: String(search.page ?? 1),
            pageSize: String(AUDIT_PAGE_SIZE),
          },
        }),
      ),
  });
