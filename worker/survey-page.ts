// The page a unit's survey link opens (/s/<tenant>/<applicationId>?k=…): the questionnaire's own small entry
// (web/survey.html), not the signed-in SPA. wrangler.toml runs the Worker first for /s/*, so the SPA fallback
// never answers these paths with index.html.
import { Hono } from "hono";
import type { AppEnv } from "./env.ts";

/** Same policy as the public pages (web/public/_headers) without inline styles: the entry uses plain CSS files. */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

export const surveyPage = new Hono<AppEnv>().get("/s/:tenant/:applicationId", async (c) => {
  // `/survey`, not `/survey.html`: the assets server redirects `.html` paths to their bare form.
  const asset = await c.env.ASSETS.fetch(new URL("/survey", c.req.url));
  const headers = new Headers(asset.headers);
  headers.set("Content-Security-Policy", CSP);
  headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  headers.set("X-Content-Type-Options", "nosniff");
  // The link's key is in the query: never cache the page under it, never send it on as a referrer.
  headers.set("Referrer-Policy", "no-referrer");
  headers.set("Cache-Control", "no-store");
  return new Response(asset.body, { status: asset.status, headers });
});
