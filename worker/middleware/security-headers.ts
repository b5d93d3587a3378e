import { secureHeaders } from "hono/secure-headers";

/**
 * Secure headers for API responses. HSTS for a year (the library's default is 180 days) and a CSP
 * that lets a JSON response load nothing. The SPA's HTML gets its own CSP from web/public/_headers,
 * because static assets are served without running the Worker.
 */
export const securityHeaders = () =>
  secureHeaders({
    strictTransportSecurity: "max-age=31536000; includeSubDomains",
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
    },
    crossOriginResourcePolicy: "same-origin",
    referrerPolicy: "strict-origin-when-cross-origin",
    // A route that sets its own policy (file downloads add `sandbox`) keeps it.
    overwrite: false,
  });
