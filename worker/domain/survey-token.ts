/**
 * Keys of the public questionnaire. A unit's survey link carries a key derived from its application id with the
 * database's signing key (signing_keys, made at migration): links cannot be guessed, and nothing is stored per link.
 */

const encoder = new TextEncoder();

function base64url(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** HMAC-SHA256 of `message` under the hex `secret`, base64url, cut to `length` characters. */
export async function sign(secret: string, message: string, length = 22): Promise<string> {
  const raw = new Uint8Array(secret.match(/../g)?.map((h) => Number.parseInt(h, 16)) ?? []);
  const key = await crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(message)));
  return base64url(mac).slice(0, length);
}

/** The key in a unit's survey link (`/s/<tenant>/<applicationId>?k=<key>`). */
export function surveyLinkKey(secret: string, applicationId: string): Promise<string> {
  return sign(secret, `survey-link:${applicationId}`);
}

/** Compares two keys in time independent of where they differ. */
export function sameKey(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** The site path of a unit's survey link. */
export const surveyPath = (tenantSlug: string, applicationId: string, key: string) =>
  `/s/${encodeURIComponent(tenantSlug)}/${encodeURIComponent(applicationId)}?k=${key}`;
