import { createRoute } from "@hono/zod-openapi";
import { auditEvent, runAuditedThenRead } from "../data/audit.ts";
import { editingListOf, editingStatements, listForEditing, replaceListStatements } from "../data/classifications.ts";
import type { Db } from "../data/db.ts";
import { newId } from "../data/db.ts";
import type { Scope } from "../data/scope.ts";
import { settingsLookup, settingsOf, settingsUpdate } from "../data/settings.ts";
import { isUniqueViolation } from "../data/unique-violation.ts";
import { sniffFileType } from "../domain/file-types.ts";
import { ApiError, invalidFields } from "../errors.ts";
import { requireRole } from "../middleware/tenant-scope.ts";
import { createRouter } from "../router.ts";
import { errorResponses, jsonBody, jsonResponse, TenantParams } from "../schemas/common.ts";
import {
  ClassificationKindParam,
  ClassificationList,
  LOGO_TYPES,
  SettingsView,
  UpdateClassificationsBody,
  UpdateSettingsBody,
} from "../schemas/settings.ts";

const adminOnly = [requireRole("tenant_admin")];

const read = createRoute({
  method: "get",
  path: "/settings",
  tags: ["settings"],
  summary: "The office's settings",
  middleware: adminOnly,
  request: { params: TenantParams },
  responses: {
    200: jsonResponse("Settings", SettingsView),
    ...errorResponses(401, 403, 404),
  },
});

const write = createRoute({
  method: "put",
  path: "/settings",
  tags: ["settings"],
  summary: "Save the office's settings over the version the editor saw",
  middleware: adminOnly,
  request: {
    params: TenantParams,
    body: jsonBody(UpdateSettingsBody),
  },
  responses: {
    200: jsonResponse("Saved", SettingsView),
    ...errorResponses(400, 401, 403, 404, 409, 415),
  },
});

const logo = createRoute({
  method: "put",
  path: "/settings/logo",
  tags: ["settings"],
  summary: "Replace the logo shown on the public pages (raw PNG, JPEG or WebP body, ≤ 256 KB)",
  middleware: adminOnly,
  request: {
    params: TenantParams,
    body: {
      content: Object.fromEntries(LOGO_TYPES.map((t) => [t, { schema: { type: "string", format: "binary" } }])),
      required: true,
    },
  },
  responses: {
    200: jsonResponse("Saved", SettingsView),
    ...errorResponses(400, 401, 403, 404, 413, 415),
  },
});

const readList = createRoute({
  method: "get",
  path: "/classifications/{list}",
  tags: ["settings"],
  summary: "Sectors (系统/行业) or unit kinds (单位类别) for editing, archived ones and usage included",
  middleware: adminOnly,
  request: { params: ClassificationKindParam },
  responses: {
    200: jsonResponse("The list", ClassificationList),
    ...errorResponses(400, 401, 403, 404),
  },
});

const writeList = createRoute({
  method: "put",
  path: "/classifications/{list}",
  tags: ["settings"],
  summary: "Replace a list in its new order; entries are archived, never deleted",
  middleware: adminOnly,
  request: {
    params: ClassificationKindParam,
    body: jsonBody(UpdateClassificationsBody),
  },
  responses: {
    200: jsonResponse("Saved", ClassificationList),
    ...errorResponses(400, 401, 403, 404, 409, 415),
  },
});

/** The office's settings as shown, and its logo's key (kept out of the view), from a `settingsLookup`. */
function settingsFound(rows: Parameters<typeof settingsOf>[0]) {
  const settings = settingsOf(rows);
  if (!settings) throw new ApiError("not_found");
  const { logoKey: _hidden, ...view } = settings;
  return { view, logoKey: settings.logoKey };
}

async function currentSettings(db: Db, scope: Scope) {
  return settingsFound(await settingsLookup(db, scope));
}

export const settingsRoutes = createRouter()
  .openapi(read, async (c) => c.json((await currentSettings(c.var.db, c.var.scope)).view, 200))
  .openapi(write, async (c) => {
    const { db, scope } = c.var;
    const { version, displayName, ...settings } = c.req.valid("json");
    const before = await currentSettings(db, scope);
    if (before.view.version !== version) throw new ApiError("stale_version", { current: before.view });
    const holidays = [...new Set(settings.holidays)].sort();
    const { applied, read } = await runAuditedThenRead(
      db,
      [],
      auditEvent(scope, {
        action: "settings.update",
        targetType: "tenant",
        targetId: scope.tenantId,
        before: before.view,
        after: { displayName, ...settings, holidays },
      }),
      { guard: settingsUpdate(db, scope, version, { displayName, settings: { ...settings, holidays } }) },
      [settingsLookup(db, scope)] as const,
    );
    const after = settingsFound(read[0]);
    if (!applied) throw new ApiError("stale_version", { current: after.view });
    return c.json(after.view, 200);
  })
  .openapi(logo, async (c) => {
    const { db, scope } = c.var;
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const declared = c.req.header("content-type")?.split(";")[0]?.trim().toLowerCase();
    if (bytes.length === 0 || sniffFileType(bytes) !== declared || !LOGO_TYPES.some((t) => t === declared)) {
      throw invalidFields({ file: ["不是有效的 PNG、JPEG 或 WebP 图片 / not a valid PNG, JPEG or WebP image"] });
    }
    const before = await currentSettings(db, scope);
    const key = `tenants/${scope.tenantId}/logo/${newId()}`;
    await c.env.FILES.put(key, bytes, { httpMetadata: { contentType: declared } });
    const { applied, read } = await runAuditedThenRead(
      db,
      [],
      auditEvent(scope, {
        action: "settings.logo",
        targetType: "tenant",
        targetId: scope.tenantId,
        after: { key, bytes: bytes.length, type: declared },
      }),
      { guard: settingsUpdate(db, scope, before.view.version, { logoKey: key }) },
      [settingsLookup(db, scope)] as const,
    );
    // The object that lost (a concurrent edit) or was replaced is removed, so R2 keeps one logo per office.
    await c.env.FILES.delete(applied ? (before.logoKey ?? []) : key);
    const after = settingsFound(read[0]);
    if (!applied) throw new ApiError("stale_version", { current: after.view });
    return c.json(after.view, 200);
  })
  .openapi(readList, async (c) => {
    const { list } = c.req.valid("param");
    return c.json({ items: await listForEditing(c.var.db, c.var.scope, list) }, 200);
  })
  .openapi(writeList, async (c) => {
    const { db, scope } = c.var;
    const { list } = c.req.valid("param");
    const { items } = c.req.valid("json");
    const current = await listForEditing(db, scope, list);
    const codes = items.map((i) => i.code);
    if (new Set(codes).size !== codes.length) throw invalidFields({ items: ["代码重复 / codes must be unique"] });
    const known = new Set(current.map((e) => e.id));
    const sent = items.flatMap((i) => (i.id ? [i.id] : []));
    if (sent.some((id) => !known.has(id))) throw invalidFields({ items: ["含有不存在的条目 / unknown entry id"] });
    // Someone else added an entry (or this editor dropped one): entries are archived, never removed.
    if (sent.length !== known.size) throw new ApiError("stale_version", { current: { items: current } });
    try {
      const { read } = await runAuditedThenRead(
        db,
        replaceListStatements(db, scope, list, items),
        auditEvent(scope, {
          action: "classifications.update",
          targetType: list,
          targetId: null,
          before: current,
          after: items,
        }),
        {},
        editingStatements(db, scope, list),
      );
      return c.json({ items: editingListOf(read) }, 200);
    } catch (error) {
      if (isUniqueViolation(error))
        throw invalidFields({ items: ["代码与现有条目冲突 / a code clashes with another entry"] });
      throw error;
    }
  });
