import { z } from "@hono/zod-openapi";
import { PASSWORD_MAX_LENGTH } from "../domain/password.ts";
import { TenantSlug } from "./admin.ts";
import { CodedRef, IdParam, JurisdictionLevel, nameText } from "./common.ts";

export const RegistrationBody = z
  .strictObject({
    unit: z.strictObject({
      name: nameText(100, 2).openapi({ example: "德阳市图书馆" }),
      creditCode: z
        .string()
        .trim()
        .length(18, "统一社会信用代码为 18 位 / 18 characters")
        .openapi({ example: "12510600MB1234567X" }),
      jurisdictionId: IdParam,
      sectorId: IdParam,
      kindId: IdParam,
      contactName: nameText(60),
      contactPhone: z
        .string()
        .trim()
        .regex(/^[0-9+\-() ]{7,20}$/, "电话格式不正确 / invalid phone"),
    }),
    account: z.strictObject({
      email: z.email().max(254),
      displayName: nameText(60),
      password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
    }),
  })
  .openapi("RegistrationBody");

export const Registered = z
  .object({ unitId: z.string(), status: z.literal("pending"), email: z.string() })
  .openapi("Registered");

export const RegistrationOptionsQuery = z.strictObject({ parent: IdParam.optional() });

const Place = z.object({ id: z.string(), code: z.string(), name: z.string(), level: JurisdictionLevel });

export const RegistrationOptions = z
  .object({
    tenant: z.object({ slug: z.string(), name: z.string() }),
    root: Place,
    places: z.array(Place).openapi({ description: "children of `parent`, or of the root" }),
    sectors: z.array(CodedRef),
    kinds: z.array(CodedRef),
  })
  .openapi("RegistrationOptions");

export const SlugParams = z.object({ slug: TenantSlug });
