import { ATTACHMENT_TYPES } from "./domain/record-rules.ts";
import { EVIDENCE_TYPES, MAX_EVIDENCE_BYTES } from "./schemas/applications.ts";
import { MAX_XLSX_BYTES, XLSX_TYPE } from "./schemas/criteria.ts";
import { MAX_ATTACHMENT_BYTES } from "./schemas/records.ts";
import { LOGO_TYPES, MAX_LOGO_BYTES } from "./schemas/settings.ts";

/**
 * The few routes that take a raw file body instead of JSON, with what they accept. Listed in one place
 * because two middlewares consult it: the JSON-only write check and the body size limit. Image and PDF types
 * are not "simple" content types, so a foreign page cannot send them without a CORS preflight.
 */
export interface UploadRoute {
  method: "PUT" | "POST";
  pattern: RegExp;
  types: readonly string[];
  maxBytes: number;
}

export const UPLOAD_ROUTES: readonly UploadRoute[] = [
  { method: "PUT", pattern: /^\/api\/t\/[^/]+\/settings\/logo$/, types: LOGO_TYPES, maxBytes: MAX_LOGO_BYTES },
  {
    method: "POST",
    pattern: /^\/api\/t\/[^/]+\/applications\/[^/]+\/items\/[^/]+\/files$/,
    types: EVIDENCE_TYPES,
    maxBytes: MAX_EVIDENCE_BYTES,
  },
  {
    method: "POST",
    pattern: /^\/api\/t\/[^/]+\/criteria-systems\/import\.xlsx$/,
    types: [XLSX_TYPE],
    maxBytes: MAX_XLSX_BYTES,
  },
  {
    method: "POST",
    pattern: /^\/api\/t\/[^/]+\/records\/[^/]+\/attachments$/,
    types: ATTACHMENT_TYPES,
    maxBytes: MAX_ATTACHMENT_BYTES,
  },
];

export function uploadRouteFor(method: string, path: string): UploadRoute | undefined {
  return UPLOAD_ROUTES.find((r) => r.method === method && r.pattern.test(path));
}
