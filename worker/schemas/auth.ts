import { z } from "@hono/zod-openapi";
import { PASSWORD_MAX_LENGTH } from "../domain/password.ts";
import { ROLES, UNIT_STATUSES } from "../domain/vocabulary.ts";
import { JurisdictionLevel } from "./common.ts";

export const LoginBody = z
  .strictObject({
    email: z.email().max(254).openapi({ example: "deyang@sichuan.demo" }),
    // Length is not checked against the creation rules here: a wrong password is just wrong.
    password: z.string().min(1).max(PASSWORD_MAX_LENGTH).openapi({ example: "wenming-demo" }),
  })
  .openapi("LoginBody");

export const Role = z.enum(ROLES);

export const Membership = z
  .object({
    tenant: z.object({ slug: z.string(), name: z.string() }),
    role: Role,
    jurisdiction: z.object({ id: z.string(), code: z.string(), name: z.string(), level: JurisdictionLevel }).nullable(),
    unit: z.object({ id: z.string(), name: z.string(), status: z.enum(UNIT_STATUSES) }).nullable(),
  })
  .openapi("Membership");

export const Me = z
  .object({
    user: z.object({ id: z.string(), email: z.string(), displayName: z.string(), platformAdmin: z.boolean() }),
    memberships: z.array(Membership),
  })
  .openapi("Me");

export type MeShape = z.infer<typeof Me>;
export type MembershipShape = z.infer<typeof Membership>;
export type RoleName = z.infer<typeof Role>;
