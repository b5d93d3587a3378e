import { z } from "@hono/zod-openapi";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../domain/paging.ts";

import { JURISDICTION_LEVELS } from "../domain/vocabulary.ts";
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "validation_failed" }),
      message: z.string().openapi({ description: "Simplified Chinese" }),
      messageEn: z.string().optional(),
      fields: z.record(z.string(), z.array(z.string())).optional(),
      current: z.unknown().optional().openapi({ description: "409 only: the current state" }),
    }),
  })
  .openapi("Error");

/** Paging parameters: bad values are refused, oversize page sizes clamped to the maximum. */
export const pagingQuery = {
  page: z.coerce.number().int().min(1).max(100_000).optional().openapi({ example: 1 }),
  pageSize: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .openapi({ example: DEFAULT_PAGE_SIZE, description: `clamped to ${MAX_PAGE_SIZE}` }),
};

export const IdParam = z.string().min(1).max(64);

export const TenantParams = z.object({ tenant: z.string().min(1).max(64).openapi({ example: "sichuan" }) });

export const Ref = z.object({ id: z.string(), name: z.string() });
export const CodedRef = Ref.extend({ code: z.string() });

export const JurisdictionLevel = z.enum(JURISDICTION_LEVELS);

/** Standard error responses a route declares besides its success. */
export function errorResponses(...statuses: Array<400 | 401 | 403 | 404 | 409 | 413 | 415 | 429>) {
  const descriptions: Record<number, string> = {
    400: "Invalid input",
    401: "Not signed in, or wrong credentials",
    403: "Signed in, but the action is not this role's",
    404: "Not found in the caller's tenant and scope",
    409: "Conflict with the current state",
    413: "Body too large",
    415: "Body is not application/json",
    429: "Too many attempts",
  };
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: descriptions[s], content: { "application/json": { schema: ErrorSchema } } },
    ]),
  ) as Record<number, { description: string; content: { "application/json": { schema: typeof ErrorSchema } } }>;
}

/** A required JSON request body of this schema, for createRoute. */
export function jsonBody<T>(schema: T) {
  return { content: { "application/json": { schema } }, required: true };
}

/** A JSON response of this schema, for createRoute. */
export function jsonResponse<T>(description: string, schema: T) {
  return { description, content: { "application/json": { schema } } };
}
