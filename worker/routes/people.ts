import { createRoute } from "@hono/zod-openapi";
import { auditEvent, runAudited } from "../data/audit.ts";
import type { Db } from "../data/db.ts";
import {
  activeAdminCount,
  existingEmails,
  findJurisdiction,
  getPerson,
  listPeople,
  type ManagedRole,
  membershipUpdate,
  newPersonStatements,
  type Person,
  reissueActivationStatements,
} from "../data/people.ts";
import type { Scope } from "../data/scope.ts";
import { sessionsEndIfDeactivated } from "../data/sessions.ts";
import { rootJurisdiction } from "../data/tenants.ts";
import { activationExpiry, activationLink } from "../domain/activation.ts";
import { type BulkRowInput, validateBulkRows } from "../domain/bulk-people.ts";
import { newOneTimeToken } from "../domain/one-time-token.ts";
import { paging } from "../domain/paging.ts";
import { ApiError, invalidFields } from "../errors.ts";
import { requireRole } from "../middleware/tenant-scope.ts";
import { createRouter } from "../router.ts";
import { errorResponses, jsonBody, jsonResponse, TenantParams } from "../schemas/common.ts";
import {
  ActivationLinkResult,
  BulkPeopleBody,
  BulkPeopleReport,
  CreatedPerson,
  CreatePersonBody,
  PeoplePage,
  PeopleQuery,
  PersonActionBody,
  PersonParams,
  Person as PersonSchema,
  UpdatePersonBody,
} from "../schemas/people.ts";

const adminOnly = [requireRole("tenant_admin")];

const list = createRoute({
  method: "get",
  path: "/",
  tags: ["people"],
  summary: "The office's people, searchable by name or email",
  middleware: adminOnly,
  request: { params: TenantParams, query: PeopleQuery },
  responses: {
    200: jsonResponse("One page", PeoplePage),
    ...errorResponses(400, 401, 403, 404),
  },
});

const create = createRoute({
  method: "post",
  path: "/",
  tags: ["people"],
  summary: "Create a reviewer, tenant admin or department account; returns a one-time activation link",
  middleware: adminOnly,
  request: { params: TenantParams, body: jsonBody(CreatePersonBody) },
  responses: {
    201: jsonResponse("Created", CreatedPerson),
    ...errorResponses(400, 401, 403, 404, 409, 415),
  },
});

const bulk = createRoute({
  method: "post",
  path: "/bulk",
  tags: ["people"],
  summary: "Create people from spreadsheet rows (read in the browser), with a per-row report",
  middleware: adminOnly,
  request: { params: TenantParams, body: jsonBody(BulkPeopleBody) },
  responses: {
    200: jsonResponse("Report", BulkPeopleReport),
    ...errorResponses(400, 401, 403, 404, 413, 415),
  },
});

const detail = createRoute({
  method: "get",
  path: "/{id}",
  tags: ["people"],
  summary: "One member of the office",
  middleware: adminOnly,
  request: { params: PersonParams },
  responses: {
    200: jsonResponse("The person", PersonSchema),
    ...errorResponses(401, 403, 404),
  },
});

const update = createRoute({
  method: "patch",
  path: "/{id}",
  tags: ["people"],
  summary: "Change a person's role, scope or department; applies from their next request",
  middleware: adminOnly,
  request: { params: PersonParams, body: jsonBody(UpdatePersonBody) },
  responses: {
    200: jsonResponse("Updated", PersonSchema),
    ...errorResponses(400, 401, 403, 404, 409, 415),
  },
});

const statusAction = <A extends "deactivate" | "reactivate">(action: A) =>
  createRoute({
    method: "post",
    path: `/{id}/${action}`,
    tags: ["people"],
    summary: action === "deactivate" ? "Deactivate a person; their sessions end" : "Reactivate a person",
    middleware: adminOnly,
    request: { params: PersonParams, body: jsonBody(PersonActionBody) },
    responses: {
      200: jsonResponse("Done", PersonSchema),
      ...errorResponses(400, 401, 403, 404, 409, 415),
    },
  });

const reissue = createRoute({
  method: "post",
  path: "/{id}/activation-link",
  tags: ["people"],
  summary: "A new one-time activation (or password reset) link; earlier links stop working",
  middleware: adminOnly,
  request: { params: PersonParams, body: jsonBody(PersonActionBody) },
  responses: {
    200: jsonResponse("The link, shown once", ActivationLinkResult),
    ...errorResponses(400, 401, 403, 404, 409, 415),
  },
});

/** A managed member of the caller's tenant at the version the caller saw, or the matching error. */
async function managedPerson(db: Db, scope: Scope, id: string, version: number): Promise<Person> {
  const person = await getPerson(db, scope, id);
  if (!person) throw new ApiError("not_found");
  if (person.role === "unit_staff") throw new ApiError("forbidden");
  if (person.version !== version) throw new ApiError("stale_version", { current: person });
  return person;
}

/** The scope node a role gets: tenant admins always the root; others the node named, which must exist. */
async function scopeNodeFor(db: Db, scope: Scope, role: ManagedRole, jurisdictionId: string | undefined) {
  if (role === "tenant_admin") return (await rootJurisdiction(db, scope.tenantId))?.id;
  if (!jurisdictionId) throw invalidFields({ jurisdictionId: ["请选择管辖范围 / choose a scope"] });
  const node = await findJurisdiction(db, scope, { id: jurisdictionId });
  if (!node) throw invalidFields({ jurisdictionId: ["管辖范围不存在 / unknown scope"] });
  return node.id;
}

async function demotesLastAdmin(db: Db, scope: Scope, person: Person, nextRole: ManagedRole | null) {
  return (
    person.role === "tenant_admin" &&
    person.status === "active" &&
    nextRole !== "tenant_admin" &&
    (await activeAdminCount(db, scope)) <= 1
  );
}

async function reloaded(db: Db, scope: Scope, id: string): Promise<Person> {
  const person = await getPerson(db, scope, id);
  if (!person) throw new ApiError("not_found");
  return person;
}

export const peopleRoutes = createRouter()
  .openapi(list, async (c) => {
    const { page, pageSize, ...filters } = c.req.valid("query");
    const paged = paging(page, pageSize);
    const result = await listPeople(c.var.db, c.var.scope, filters, paged);
    return c.json({ ...result, page: paged.page, pageSize: paged.pageSize }, 200);
  })
  .openapi(create, async (c) => {
    const { db, scope } = c.var;
    const body = c.req.valid("json");
    if (body.role === "department" && !body.department) {
      throw invalidFields({ department: ["部门账号须填写部门 / a department account needs its department"] });
    }
    const email = body.email.toLowerCase();
    if ((await existingEmails(db, [email])).size > 0) throw new ApiError("email_taken");
    const jurisdictionId = await scopeNodeFor(db, scope, body.role, body.jurisdictionId);
    if (!jurisdictionId) throw new ApiError("not_found");
    const { token, tokenId } = await newOneTimeToken();
    const created = newPersonStatements(
      db,
      scope,
      {
        email,
        displayName: body.displayName,
        role: body.role,
        jurisdictionId,
        department: body.role === "department" ? (body.department ?? null) : null,
      },
      { tokenId, expiresAt: activationExpiry(new Date()) },
    );
    await runAudited(
      db,
      created.statements,
      auditEvent(scope, {
        action: "person.create",
        targetType: "membership",
        targetId: created.membershipId,
        after: { email, role: body.role, jurisdictionId, department: body.department ?? null },
      }),
    );
    const person = await reloaded(db, scope, created.membershipId);
    return c.json({ person, activationLink: activationLink(new URL(c.req.url).origin, token) }, 201);
  })
  .openapi(bulk, async (c) => {
    const { db, scope } = c.var;
    const { rows, dryRun = false } = c.req.valid("json");
    const origin = new URL(c.req.url).origin;
    const known = await knownReferences(db, scope, rows);
    const checked = validateBulkRows(rows, known);
    const report = checked.map((r) => ({
      row: r.row,
      email: r.email,
      outcome: r.reasons.length > 0 ? ("refused" as const) : dryRun ? ("valid" as const) : ("created" as const),
      reasons: r.reasons,
      activationLink: null as string | null,
    }));
    if (!dryRun) {
      const valid = checked.filter((r) => r.reasons.length === 0 && r.person);
      const statements = [];
      for (const r of valid) {
        if (!r.person) continue;
        const { token, tokenId } = await newOneTimeToken();
        statements.push(
          ...newPersonStatements(db, scope, r.person, { tokenId, expiresAt: activationExpiry(new Date()) }).statements,
        );
        const line = report.find((x) => x.row === r.row);
        if (line) line.activationLink = activationLink(origin, token);
      }
      if (statements.length > 0) {
        await runAudited(
          db,
          statements,
          auditEvent(scope, {
            action: "person.bulk_create",
            targetType: "membership",
            targetId: null,
            after: { emails: valid.map((r) => r.email) },
          }),
        );
      }
    }
    const created = report.filter((r) => r.outcome !== "refused").length;
    return c.json({ created: dryRun ? 0 : created, refused: report.length - created, dryRun, rows: report }, 200);
  })
  .openapi(detail, async (c) => {
    const person = await getPerson(c.var.db, c.var.scope, c.req.valid("param").id);
    if (!person) throw new ApiError("not_found");
    return c.json(person, 200);
  })
  .openapi(update, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const person = await managedPerson(db, scope, id, body.version);
    const role = body.role ?? (person.role as ManagedRole);
    if (await demotesLastAdmin(db, scope, person, role)) throw new ApiError("last_admin");
    const department = role === "department" ? (body.department ?? person.department) : null;
    if (role === "department" && !department) {
      throw invalidFields({ department: ["部门账号须填写部门 / a department account needs its department"] });
    }
    const jurisdictionId = await scopeNodeFor(db, scope, role, body.jurisdictionId ?? person.jurisdiction?.id);
    const changes = { role, jurisdictionId, department };
    const applied = await runAudited(
      db,
      [],
      auditEvent(scope, {
        action: "person.update",
        targetType: "membership",
        targetId: id,
        before: { role: person.role, jurisdictionId: person.jurisdiction?.id, department: person.department },
        after: changes,
      }),
      { guard: membershipUpdate(db, scope, id, person.version, changes) },
    );
    if (!applied) throw new ApiError("stale_version", { current: await reloaded(db, scope, id) });
    return c.json(await reloaded(db, scope, id), 200);
  })
  .openapi(statusAction("deactivate"), async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const person = await managedPerson(db, scope, id, body.version);
    if (person.status === "disabled") throw new ApiError("already_in_state");
    if (await demotesLastAdmin(db, scope, person, null)) throw new ApiError("last_admin");
    const applied = await runAudited(
      db,
      [],
      auditEvent(scope, {
        action: "person.deactivate",
        targetType: "membership",
        targetId: id,
        before: { status: person.status },
        after: { status: "disabled" },
        reason: body.reason ?? null,
      }),
      {
        guard: membershipUpdate(db, scope, id, person.version, { status: "disabled" }),
        after: [
          sessionsEndIfDeactivated(db, scope, {
            membershipId: person.id,
            userId: person.userId,
            version: person.version,
          }),
        ],
      },
    );
    if (!applied) throw new ApiError("stale_version", { current: await reloaded(db, scope, id) });
    return c.json(await reloaded(db, scope, id), 200);
  })
  .openapi(statusAction("reactivate"), async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const person = await managedPerson(db, scope, id, body.version);
    if (person.status === "active") throw new ApiError("already_in_state");
    const applied = await runAudited(
      db,
      [],
      auditEvent(scope, {
        action: "person.reactivate",
        targetType: "membership",
        targetId: id,
        before: { status: person.status },
        after: { status: "active" },
        reason: body.reason ?? null,
      }),
      { guard: membershipUpdate(db, scope, id, person.version, { status: "active" }) },
    );
    if (!applied) throw new ApiError("stale_version", { current: await reloaded(db, scope, id) });
    return c.json(await reloaded(db, scope, id), 200);
  })
  .openapi(reissue, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const person = await managedPerson(db, scope, id, body.version);
    if (person.status === "disabled") throw new ApiError("already_in_state");
    const { token, tokenId } = await newOneTimeToken();
    await runAudited(
      db,
      reissueActivationStatements(
        db,
        scope,
        { id: person.userId, activated: person.activated },
        { tokenId, expiresAt: activationExpiry(new Date()) },
      ),
      auditEvent(scope, {
        action: person.activated ? "person.reset_link" : "person.activation_link",
        targetType: "membership",
        targetId: id,
        reason: body.reason ?? null,
      }),
    );
    return c.json({ activationLink: activationLink(new URL(c.req.url).origin, token) }, 200);
  });

/** What the bulk rows refer to that only the database knows: existing emails and scope codes. */
async function knownReferences(db: Db, scope: Scope, rows: BulkRowInput[]) {
  const emails = rows.map((r) => r.email.trim().toLowerCase()).filter((e) => e.length > 0);
  const codes = [...new Set(rows.map((r) => r.scopeCode.trim()).filter((code) => /^\d{6}$/.test(code)))];
  const nodes = new Map<string, string>();
  for (const code of codes) {
    const node = await findJurisdiction(db, scope, { code });
    if (node) nodes.set(code, node.id);
  }
  const root = await rootJurisdiction(db, scope.tenantId);
  return { takenEmails: await existingEmails(db, emails), nodeIdByCode: nodes, rootId: root?.id ?? "" };
}
