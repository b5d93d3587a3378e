import { OpenAPIHono } from "@hono/zod-openapi";
import type { ZodError } from "zod";
import type { AppEnv } from "./env.ts";
import { errorBody } from "./errors.ts";

/** Field path → messages, as the `fields` of a validation error. */
export function fieldErrors(error: ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join(".") : "_";
    const message = issue.code === "unrecognized_keys" ? `unknown field(s): ${issue.keys.join(", ")}` : issue.message;
    fields[key] = [...(fields[key] ?? []), message];
  }
  return fields;
}

/** Every router shares one validation hook, so every bad body or query answers with the same 400 shape. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        return c.json(errorBody("validation_failed", fieldErrors(result.error)), 400);
      }
    },
  });
}
