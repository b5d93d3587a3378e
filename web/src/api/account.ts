import { queryOptions } from "@tanstack/react-query";
import { client, type OkBody, unwrap } from "./client.ts";

const auth = client.api.auth;

export type ActivationInfo = OkBody<Awaited<ReturnType<typeof auth.activation.inspect.$post>>>;
export type ActivateInput = Parameters<typeof auth.activate.$post>[0]["json"];
export type SessionItem = OkBody<Awaited<ReturnType<typeof auth.sessions.$get>>>["items"][number];

/** The token travels in a POST body, never in a URL the server or a proxy would log. */
export function inspectActivation(token: string) {
  return unwrap(auth.activation.inspect.$post({ json: { token } }));
}

export function activate(input: ActivateInput) {
  return unwrap(auth.activate.$post({ json: input }));
}

export function changePassword(currentPassword: string, newPassword: string) {
  return unwrap(auth.password.$post({ json: { currentPassword, newPassword } }));
}

export const sessionsQuery = () =>
  queryOptions({
    queryKey: ["account", "sessions"] as const,
    queryFn: () => unwrap(auth.sessions.$get()),
  });

export function endSession(id: string) {
  return unwrap(auth.sessions[":id"].end.$post({ param: { id }, json: {} }));
}
