import { LOGO_TYPES, MAX_LOGO_BYTES } from "./schemas/settings.ts";

/**
 * The few routes that take a raw file body instead of JSON, with what they accept. Listed in one place
 * because two middlewares consult it: the JSON-only write check and the body size limit. Image types
 * are not "simple" content types, so a foreign page cannot send them without a CORS preflight.
 */
export interface UploadRoute {
  pattern: RegExp;
  types: readonly string[];
  maxBytes: number;
}

export const UPLOAD_ROUTES: readonly UploadRoute[] = [
  { pattern: /^\/api\/t\/[^/]+\/settings\/logo$/, types: LOGO_TYPES, maxBytes: MAX_LOGO_BYTES },
];

export function uploadRouteFor(method: string, path: string): UploadRoute | undefined {
  return method === "PUT" ? UPLOAD_ROUTES.find((r) => r.pattern.test(path)) : undefined;
}
