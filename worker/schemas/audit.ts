import { z } from "@hono/zod-openapi";
import { pagingQuery } from "./common.ts";

export const AuditQuery = z.strictObject({
  targetType: z.string().max(40).optional(),
  targetId: z.string().max(64).optional(),
  action: z.string().max(60).optional(),
  ...pagingQuery,
});

export const AuditPage = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        action: z.string(),
        targetType: z.string(),
        targetId: z.string().nullable(),
        /** What the target is called (a unit's name, "unit · round" for an application…), never an id. */
        targetTitle: z.string().nullable(),
        /** The target had a title but its record is gone. */
        targetDeleted: z.boolean(),
        actor: z.object({ id: z.string(), displayName: z.string() }).nullable(),
        actorRole: z.string().nullable(),
        reason: z.string().nullable(),
        createdAt: z.string(),
      }),
    ),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi("AuditPage");
