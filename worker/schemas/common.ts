import { z } from "@hono/zod-openapi";
import { joined, textProblem } from "../domain/field-messages.ts";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../domain/paging.ts";
import { JURISDICTION_LEVELS } from "../domain/vocabulary.ts";

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "validation_failed" }),
      message: z.string().openapi({ description: "Simplified Chinese" }),
      messageEn: z.string().optional(),
      fields: z
        .record(z.string(), z.array(z.string()))
        .optional()
        .openapi({ description: "field path → messages in Simplified Chinese" }),
      fieldsEn: z
        .record(z.string(), z.array(z.string()))
        .optional()
        .openapi({ description: "the same fields' messages in English" }),
      current: z.unknown().optional().openapi({ description: "409 only: the current state" }),
    }),
  })
  .openapi("Error");

/** Refuses what a person cannot have typed: control characters (free text keeps line breaks and tabs) and lone surrogates. */
export function cleanText<S extends z.ZodString>(schema: S, kind: "name" | "free"): S {
  return schema.superRefine((text, ctx) => {
    const problem = textProblem(text, kind);
    if (problem) ctx.addIssue({ code: "custom", message: joined(problem) });
  });
}

/** A name or other one-line text, trimmed, `min`–`max` characters: no control characters, no lone surrogates. */
export function nameText(max: number, min = 1) {
  return cleanText(z.string().trim().min(min).max(max), "name");
}

/** One line as it came, not trimmed (sheet cells judged row by row later, section headings), up to `max`. */
export function lineText(max: number) {
  return cleanText(z.string().max(max), "name");
}

/**
 * Free text of at most `max` characters: line breaks and tabs are kept, other control characters and lone
 * surrogates refused. Not trimmed unless asked (documents indent paragraphs with full-width spaces).
 */
export function freeText(max: number, options: { min?: number; trim?: boolean } = {}) {
  const base = options.trim ? z.string().trim() : z.string();
  return cleanText(options.min ? base.min(options.min).max(max) : base.max(max), "free");
}

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
