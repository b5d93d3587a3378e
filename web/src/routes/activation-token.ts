/** The one-time token from `#token=…`: the fragment never reaches a server log or a Referer header. */
export function tokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, "")).get("token");
  return token && /^[A-Za-z0-9_-]{20,128}$/.test(token) ? token : null;
}
