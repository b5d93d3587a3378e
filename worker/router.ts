import { OpenAPIHono } from "@hono/zod-openapi";
import type { ZodError } from "zod";
import { type Bilingual, zodFieldProblems } from "./domain/field-messages.ts";
import type { AppEnv } from "./env.ts";
import { errorBody } from "./errors.ts";

/**
 * Field path → messages in Chinese and English, for a validation error's `fields` / `fieldsEn`. With the
 * parsed input, a missing value reads "必填 / required".
 */
export function fieldErrors(error: ZodError, input?: unknown): Record<string, Bilingual[]> {
  return zodFieldProblems(error.issues, input);
}

/** Every router shares one validation hook, so every bad body or query answers with the same 400 shape. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        // @hono/zod-validator passes the unparsed input as `data` on failure too; its type leaves it out.
        const input = (result as { data?: unknown }).data;
        return c.json(errorBody("validation_failed", fieldErrors(result.error, input)), 400);
      }
    },
  });
}
