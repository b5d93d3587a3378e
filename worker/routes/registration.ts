import { createRoute } from "@hono/zod-openapi";
import { auditEvent, runAudited } from "../data/audit.ts";
import { listSectors, listUnitKinds } from "../data/classifications.ts";
import { existingEmails } from "../data/people.ts";
import { findTenantBySlug } from "../data/tenants.ts";
import { isUniqueViolation } from "../data/unique-violation.ts";
import { findPlace, registrationChoices, registrationStatements, takenUnitKeys } from "../data/unit-registration.ts";
import { isValidCreditCode } from "../domain/credit-code.ts";
import { hashPassword } from "../domain/password.ts";
import { PASSWORD_PROBLEM_TEXT, passwordProblems } from "../domain/password-policy.ts";
import { normalizeCreditCode, UNIT_NAME_TAKEN, unitNameKey } from "../domain/unit-rows.ts";
import type { JurisdictionLevel } from "../domain/vocabulary.ts";
import { ApiError, invalidFields } from "../errors.ts";
import { publicFormLimit } from "../middleware/public-form-limit.ts";
import { createRouter } from "../router.ts";
import { errorResponses, jsonBody, jsonResponse } from "../schemas/common.ts";
import {
  Registered,
  RegistrationBody,
  RegistrationOptions,
  RegistrationOptionsQuery,
  SlugParams,
} from "../schemas/registration.ts";

const options = createRoute({
  method: "get",
  path: "/tenants/{slug}/registration-options",
  tags: ["registration"],
  summary: "What the public registration form offers: places (a cascade level at a time), sectors, kinds",
  request: { params: SlugParams, query: RegistrationOptionsQuery },
  responses: {
    200: jsonResponse("Choices", RegistrationOptions),
    ...errorResponses(400, 404),
  },
});

const register = createRoute({
  method: "post",
  path: "/tenants/{slug}/registrations",
  tags: ["registration"],
  summary: "A unit registers itself with its first staff account; it starts pending a reviewer's approval",
  middleware: [publicFormLimit()],
  request: {
    params: SlugParams,
    body: jsonBody(RegistrationBody),
  },
  responses: {
    201: jsonResponse("Registered, pending approval", Registered),
    ...errorResponses(400, 404, 409, 413, 415, 429),
  },
});

/** The office behind a public path: unknown and suspended ones look the same (404). */
async function liveTenant(db: Parameters<typeof findTenantBySlug>[0], slug: string) {
  const tenant = await findTenantBySlug(db, slug);
  if (tenant?.status !== "active") throw new ApiError("not_found");
  return tenant;
}

const place = <T extends { id: string; code: string; name: string; level: JurisdictionLevel }>(p: T) => ({
  id: p.id,
  code: p.code,
  name: p.name,
  level: p.level,
});

/** Public routes for units that are not yet anyone's members. */
export const registrationRoutes = createRouter()
  .openapi(options, async (c) => {
    const { db } = c.var;
    const [[tenant], [root], children, sectors, kinds] = await db.batch(
      registrationChoices(db, c.req.valid("param").slug, c.req.valid("query").parent),
    );
    if (!tenant || !root) throw new ApiError("not_found");
    return c.json(
      {
        tenant: { slug: tenant.slug, name: tenant.name },
        root: place(root),
        places: children.map(place),
        sectors,
        kinds,
      },
      200,
    );
  })
  .openapi(register, async (c) => {
    const { db } = c.var;
    const tenant = await liveTenant(db, c.req.valid("param").slug);
    const body = c.req.valid("json");

    const creditCode = normalizeCreditCode(body.unit.creditCode);
    const email = body.account.email.toLowerCase();
    const fields: Record<string, string[]> = {};
    if (!isValidCreditCode(creditCode)) {
      fields["unit.creditCode"] = ["统一社会信用代码校验位不正确 / the check character does not match"];
    }
    const problems = passwordProblems(body.account.password, email);
    if (problems.length > 0) fields["account.password"] = problems.map((p) => PASSWORD_PROBLEM_TEXT[p]);
    const [node, sectors, kinds] = await Promise.all([
      findPlace(db, tenant.id, body.unit.jurisdictionId),
      listSectors(db, { tenantId: tenant.id }),
      listUnitKinds(db, { tenantId: tenant.id }),
    ]);
    if (!node) fields["unit.jurisdictionId"] = ["所在地不存在 / unknown place"];
    if (!sectors.some((s) => s.id === body.unit.sectorId))
      fields["unit.sectorId"] = ["系统/行业不存在 / unknown sector"];
    if (!kinds.some((k) => k.id === body.unit.kindId)) fields["unit.kindId"] = ["单位类别不存在 / unknown kind"];
    if (Object.keys(fields).length > 0 || !node) throw invalidFields(fields);

    const taken = await takenUnitKeys(db, tenant.id, [creditCode], [body.unit.name]);
    if (taken.creditCodes.size > 0) throw new ApiError("credit_code_taken");
    if (taken.names.has(unitNameKey(body.unit.name))) {
      throw new ApiError("unit_name_taken", { fields: { "unit.name": [UNIT_NAME_TAKEN] } });
    }
    if ((await existingEmails(db, [email])).size > 0) throw new ApiError("email_taken");

    const { unitId, userId, statements } = registrationStatements(db, tenant.id, {
      unit: {
        name: body.unit.name,
        creditCode,
        jurisdictionId: node.id,
        jurisdictionPath: node.path,
        cityId: node.cityId,
        sectorId: body.unit.sectorId,
        kindId: body.unit.kindId,
        contactName: body.unit.contactName,
        contactPhone: body.unit.contactPhone,
      },
      account: {
        email,
        displayName: body.account.displayName,
        passwordHash: await hashPassword(body.account.password),
      },
    });
    try {
      await runAudited(
        db,
        statements,
        auditEvent(
          { tenantId: tenant.id, userId, role: "unit_staff" },
          {
            action: "unit.register",
            targetType: "unit",
            targetId: unitId,
            after: { name: body.unit.name, creditCode, jurisdictionId: node.id },
          },
        ),
      );
    } catch (error) {
      // Two registrations racing for one code or email: the unique indexes decide, nothing is half-written.
      if (isUniqueViolation(error, "units.tenant_id, units.credit_code")) throw new ApiError("credit_code_taken");
      if (isUniqueViolation(error, "users.email")) throw new ApiError("email_taken");
      throw error;
    }
    return c.json({ unitId, status: "pending" as const, email }, 201);
  });
