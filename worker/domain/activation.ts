/** How long a one-time activation or reset link stays usable. */
export const ACTIVATION_TTL_HOURS = 72;

/**
 * The link shown to whoever issued it. The token travels in the fragment, which browsers never send to a
 * server, so it stays out of access logs and Referer headers; the SPA posts it to the API.
 */
export function activationLink(origin: string, token: string): string {
  return `${origin}/activate#token=${token}`;
}

export function activationExpiry(now: Date): string {
  return new Date(now.getTime() + ACTIVATION_TTL_HOURS * 3600 * 1000).toISOString();
}
