import type { QueryClient } from "@tanstack/react-query";
import { redirect } from "@tanstack/react-router";
import { type Me, meQuery } from "../api/queries.ts";
import { isUnauthenticated } from "../query-client.ts";

/** For routes that need a signed-in user: the user, or a redirect to the login page that comes back here. */
export async function requireMe(queryClient: QueryClient, href: string): Promise<Me> {
  try {
    return await queryClient.ensureQueryData(meQuery());
  } catch (error) {
    if (isUnauthenticated(error)) throw redirect({ to: "/login", search: { redirect: href } });
    throw error;
  }
}

/** Only same-site paths, so a crafted login link cannot send the user elsewhere after sign-in. */
export function safeRedirect(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  return value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") ? value : undefined;
}
