import { z } from "@hono/zod-openapi";
import { PASSWORD_MAX_LENGTH } from "../domain/password.ts";
import { nameText } from "./common.ts";

const Token = z.string().min(20).max(128);

export const InspectActivationBody = z.strictObject({ token: Token }).openapi("InspectActivationBody");

export const ActivationInfo = z
  .object({
    purpose: z.enum(["activation", "reset"]),
    email: z.string().nullable().openapi({ description: "null when the person must choose their sign-in email" }),
    displayName: z.string(),
    tenantName: z.string().nullable(),
  })
  .openapi("ActivationInfo");

export const ActivateBody = z
  .strictObject({
    token: Token,
    password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
    email: z.email().max(254).optional(),
    displayName: nameText(60).optional(),
  })
  .openapi("ActivateBody");

export const ChangePasswordBody = z
  .strictObject({
    currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
    newPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  })
  .openapi("ChangePasswordBody");

export const SessionList = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        current: z.boolean(),
        createdAt: z.string(),
        expiresAt: z.string(),
        ip: z.string().nullable(),
        userAgent: z.string().nullable(),
      }),
    ),
  })
  .openapi("SessionList");

export const Ok = z.object({ ok: z.literal(true) }).openapi("Ok");
