import { createMiddleware } from "hono/factory";
import { ApiError } from "../errors.ts";
import { uploadRouteFor } from "../uploads.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence for a JSON API. A write must carry `Content-Type: application/json` (forms and
 * text/plain, which a foreign page can send without a preflight, get 415; the few upload routes take their
 * own file types instead), and when the browser says
 * where it comes from (Origin, Sec-Fetch-Site) that must be this origin. hono/csrf alone checks only
 * form-like content types, so it would let a JSON write through unchecked.
 */
export const sameOriginJson = () =>
  createMiddleware(async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const contentType = c.req.header("content-type") ?? "";
    const mediaType = contentType.split(";")[0]?.trim().toLowerCase();
    const accepted = uploadRouteFor(c.req.method, c.req.path)?.types ?? ["application/json"];
    if (!mediaType || !accepted.includes(mediaType)) throw new ApiError("unsupported_media_type");
    const origin = c.req.header("origin");
    if (origin !== undefined && origin !== new URL(c.req.url).origin) throw new ApiError("cross_origin");
    const site = c.req.header("sec-fetch-site");
    if (site !== undefined && site !== "same-origin" && site !== "none") throw new ApiError("cross_origin");
    return next();
  });
