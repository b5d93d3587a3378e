// The office's synonym list for suggesting criteria items (近义词表).
import { createRoute } from "@hono/zod-openapi";
import { auditEvent, runAuditedThenRead } from "../data/audit.ts";
import type { Db } from "../data/db.ts";
import type { Scope } from "../data/scope.ts";
import { synonymReads, synonymsOf, synonymsReplace } from "../data/synonyms.ts";
import { synonymListProblems } from "../domain/criteria-match.ts";
import { ApiError, invalidFields } from "../errors.ts";
import { requireRole } from "../middleware/tenant-scope.ts";
import { createRouter } from "../router.ts";
import { errorResponses, jsonBody, jsonResponse, TenantParams } from "../schemas/common.ts";
import { SaveSynonymsBody, SynonymList } from "../schemas/reports.ts";

const read = createRoute({
  method: "get",
  path: "/criteria-synonyms",
  tags: ["reports"],
  summary: "The office's synonym list used to suggest criteria items (道德讲堂 → 道德讲堂建设)",
  // Reviewers see why an item was suggested; only the office edits the list.
  middleware: [requireRole("tenant_admin", "reviewer")],
  request: { params: TenantParams },
  responses: {
    200: jsonResponse("The list and its version", SynonymList),
    ...errorResponses(401, 403, 404),
  },
});

const save = createRoute({
  method: "put",
  path: "/criteria-synonyms",
  tags: ["reports"],
  summary: "Replace the synonym list over the version the editor saw",
  middleware: [requireRole("tenant_admin")],
  request: { params: TenantParams, body: jsonBody(SaveSynonymsBody) },
  responses: {
    200: jsonResponse("Saved", SynonymList),
    ...errorResponses(400, 401, 403, 404, 409, 415),
  },
});

function found(list: ReturnType<typeof synonymsOf>) {
  if (list === undefined) throw new ApiError("not_found");
  return list;
}

async function currentList(db: Db, scope: Scope) {
  return found(synonymsOf(await db.batch(synonymReads(db, scope))));
}

export const synonymRoutes = createRouter()
  .openapi(read, async (c) => c.json(await currentList(c.var.db, c.var.scope), 200))
  .openapi(save, async (c) => {
    const { db, scope } = c.var;
    const { items, version } = c.req.valid("json");
    const problems = synonymListProblems(items);
    if (Object.keys(problems).length > 0) throw invalidFields(problems);
    const before = await currentList(db, scope);
    if (before.version !== version) throw new ApiError("stale_version", { current: before });
    const { statements, guard } = synonymsReplace(db, scope, version, items);
    const { applied, read } = await runAuditedThenRead(
      db,
      statements,
      auditEvent(scope, {
        action: "synonyms.save",
        targetType: "tenant",
        targetId: scope.tenantId,
        before: before.items,
        after: items,
      }),
      { guard },
      synonymReads(db, scope),
    );
    const after = found(synonymsOf(read));
    if (!applied) throw new ApiError("stale_version", { current: after });
    return c.json(after, 200);
  });
