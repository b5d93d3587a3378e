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

// ---------------------------------------------------------------------------------------------------
// One answer per device, a start time that cannot be forged, and networks without addresses

/** The cookie that names a respondent's browser: a random id and its signature, nothing about the person. */
export const DEVICE_COOKIE = "wm_device";
export const DEVICE_COOKIE_SECONDS = 365 * 24 * 60 * 60;

/** A start token older than this is refused: the page was left open too long (or the token was kept to replay). */
export const START_TOKEN_MAX_MS = 24 * 60 * 60 * 1000;

/** The least time a person needs: two seconds per question answered, and at least five seconds in all. */
export const SECONDS_PER_ANSWER = 2;
export const MIN_SURVEY_SECONDS = 5;

function randomId(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(16)));
}

/** A new device cookie's value: `<random id>.<signature>`. */
export async function newDeviceCookie(secret: string): Promise<{ deviceId: string; value: string }> {
  const deviceId = randomId();
  return { deviceId, value: `${deviceId}.${await sign(secret, `device:${deviceId}`)}` };
}

/** The id a device cookie names, or null when it is missing or its signature does not match. */
export async function deviceIdOf(secret: string, value: string | undefined): Promise<string | null> {
  const [deviceId, signature, ...rest] = (value ?? "").split(".");
  if (!deviceId || !signature || rest.length > 0) return null;
  return sameKey(signature, await sign(secret, `device:${deviceId}`)) ? deviceId : null;
}

/**
 * What a response row keeps of the device: a digest of its random id. Unkeyed on purpose, so the read that asks
 * "did this device answer?" can ride the request's first batch before the signing key is read; the id is 128
 * random bits, so its digest tells nothing and cannot be reversed.
 */
export async function deviceHash(deviceId: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", encoder.encode(`device:${deviceId}`));
  return base64url(new Uint8Array(digest)).slice(0, 32);
}

const startMessage = (applicationId: string, deviceId: string, startedAt: number) =>
  `start:${applicationId}:${deviceId}:${startedAt}`;

/** The token the form is served with: when it was opened, signed for this application and this device. */
export async function startToken(
  secret: string,
  applicationId: string,
  deviceId: string,
  startedAt: number,
): Promise<string> {
  return `${startedAt}.${await sign(secret, startMessage(applicationId, deviceId, startedAt))}`;
}

/** When the form was opened, from its token, or null when the token is forged, another's, future or stale. */
export async function startedAtOf(
  secret: string,
  token: string,
  applicationId: string,
  deviceId: string,
  now: number,
): Promise<number | null> {
  const [time, signature, ...rest] = token.split(".");
  if (!time || !signature || rest.length > 0 || !/^\d{1,15}$/.test(time)) return null;
  const startedAt = Number(time);
  if (startedAt > now || now - startedAt > START_TOKEN_MAX_MS) return null;
  return sameKey(signature, await sign(secret, startMessage(applicationId, deviceId, startedAt))) ? startedAt : null;
}

/** Whether answering `answered` questions in `seconds` is faster than a person reads them. */
export function tooFast(seconds: number, answered: number): boolean {
  return seconds < Math.max(MIN_SURVEY_SECONDS, SECONDS_PER_ANSWER * answered);
}

/**
 * The network an address belongs to: IPv4 /24, IPv6 /48 (a home or office line), so answers from one NAT or one
 * Wi-Fi group together while nothing narrower than that is kept. Null when the text is no address.
 */
export function networkPrefix(address: string): string | null {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address.trim());
  if (v4) {
    const octets = v4.slice(1, 5).map(Number);
    if (octets.some((o) => o > 255)) return null;
    return `${octets.slice(0, 3).join(".")}.0/24`;
  }
  const text = address.trim().toLowerCase();
  if (!/^[0-9a-f:]+$/.test(text) || !text.includes(":")) return null;
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 2 ? missing < 1 : missing !== 0) || [...head, ...tail].some((g) => g.length > 4 || !g)) {
    return null;
  }
  const groups = [...head, ...Array<string>(missing).fill("0"), ...tail].map((g) =>
    Number.parseInt(g, 16).toString(16),
  );
  return `${groups.slice(0, 3).join(":")}::/48`;
}

/** What a response row keeps of the network: a keyed hash of its prefix, never the address. */
export function networkHash(secret: string, address: string | undefined): Promise<string> {
  return sign(secret, `network:${networkPrefix(address ?? "") ?? "unknown"}`);
}
