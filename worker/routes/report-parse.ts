// The report importer: pasted text → structured draft, cleaned, with what cleaning removed and changed.
import { createRoute } from "@hono/zod-openapi";
import { parseReportText } from "../domain/report/parse.ts";
import { createRouter } from "../router.ts";
import { errorResponses, jsonBody, jsonResponse, TenantParams } from "../schemas/common.ts";
import { ParsedReport, ParseReportBody } from "../schemas/reports.ts";

// Open to every member of the office, like the program parser: it reads nothing and stores nothing.
const parse = createRoute({
  method: "post",
  path: "/reports/parse",
  tags: ["reports"],
  summary: "Turn a pasted report (汇报材料, from Word or a web page) into cleaned, structured drafts to review",
  request: { params: TenantParams, body: jsonBody(ParseReportBody) },
  responses: { 200: jsonResponse("The drafts", ParsedReport), ...errorResponses(400, 401, 404, 413, 415) },
});

export const reportParseRoutes = createRouter().openapi(parse, (c) => {
  const { text, keep } = c.req.valid("json");
  return c.json(parseReportText(text, keep), 200);
});
