import { newSessionToken, sessionIdFromToken } from "./session-token.ts";

/** A random one-time token and the digest the database keeps in its place. */
export async function newOneTimeToken(): Promise<{ token: string; tokenId: string }> {
  const token = newSessionToken();
  return { token, tokenId: await sessionIdFromToken(token) };
}
