import { z } from "@hono/zod-openapi";
import { MANAGED_ROLES, MEMBERSHIP_STATUSES } from "../domain/vocabulary.ts";
import { Role } from "./auth.ts";
import { bulkReport } from "./bulk.ts";
import { freeText, IdParam, JurisdictionLevel, lineText, nameText, pagingQuery } from "./common.ts";

/** Roles a tenant admin can give; unit staff come from unit self-registration. */
export const ManagedRole = z.enum(MANAGED_ROLES);

export const PeopleQuery = z
  .strictObject({
    q: z.string().trim().max(100).optional(),
    role: Role.optional(),
    status: z.enum(MEMBERSHIP_STATUSES).optional(),
    ...pagingQuery,
  })
  .openapi("PeopleQuery");

export const Person = z
  .object({
    id: z.string().openapi({ description: "membership id" }),
    userId: z.string(),
    email: z.string().nullable(),
    displayName: z.string(),
    activated: z.boolean(),
    role: Role,
    status: z.enum(MEMBERSHIP_STATUSES),
    department: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    jurisdiction: z.object({ id: z.string(), code: z.string(), name: z.string(), level: JurisdictionLevel }).nullable(),
    unit: z.object({ id: z.string(), name: z.string() }).nullable(),
  })
  .openapi("Person");

export const PeoplePage = z
  .object({ items: z.array(Person), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .openapi("PeoplePage");

const Department = nameText(30, 2).openapi({ example: "纪检监察" });

export const CreatePersonBody = z
  .strictObject({
    email: z.email().max(254),
    displayName: nameText(60),
    role: ManagedRole,
    jurisdictionId: IdParam.optional().openapi({ description: "scope node; tenant admins always get the root" }),
    department: Department.optional(),
  })
  .openapi("CreatePersonBody");

export const CreatedPerson = z
  .object({ person: Person, activationLink: z.string().openapi({ description: "shown once; works once" }) })
  .openapi("CreatedPerson");

/** One spreadsheet row as the browser read it (XLSX is parsed client-side); scope by division code. */
export const BulkPersonRow = z.strictObject({
  displayName: lineText(200),
  email: z.string().max(300),
  role: z.string().max(50),
  scopeCode: z.string().max(20),
  department: lineText(100).optional(),
});

export const BulkPeopleBody = z
  .strictObject({ rows: z.array(BulkPersonRow).min(1).max(500), dryRun: z.boolean().optional() })
  .openapi("BulkPeopleBody");

export const BulkPeopleReport = bulkReport("BulkPeopleReport", {
  email: z.string(),
  activationLink: z.string().nullable(),
});

export const UpdatePersonBody = z
  .strictObject({
    version: z.number().int().min(1),
    role: ManagedRole.optional(),
    jurisdictionId: IdParam.optional(),
    department: Department.nullable().optional(),
  })
  .openapi("UpdatePersonBody");

export const PersonActionBody = z
  .strictObject({ version: z.number().int().min(1), reason: freeText(500, { trim: true }).optional() })
  .openapi("PersonActionBody");

export const ActivationLinkResult = z.object({ activationLink: z.string() }).openapi("ActivationLinkResult");

export const PersonParams = z.object({ tenant: z.string().min(1).max(64), id: IdParam });
