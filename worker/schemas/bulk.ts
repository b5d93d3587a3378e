import { z } from "@hono/zod-openapi";

/**
 * What a bulk creation from spreadsheet rows answers: counts, and per row (numbered as sent) what
 * happened and why, plus the fields that name the row's subject (a person's email, a unit's name…).
 */
export function bulkReport<Shape extends z.ZodRawShape>(name: string, subject: Shape) {
  return z
    .object({
      created: z.number().int(),
      refused: z.number().int(),
      dryRun: z.boolean(),
      rows: z.array(
        z.object({
          row: z.number().int().openapi({ description: "1-based, in the order the rows were sent" }),
          outcome: z.enum(["created", "valid", "refused"]),
          reasons: z.array(z.string()),
          ...subject,
        }),
      ),
    })
    .openapi(name);
}
