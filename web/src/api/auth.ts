import { client, unwrap } from "./client.ts";

export interface Credentials {
  email: string;
  password: string;
}

export function signIn(credentials: Credentials) {
  return unwrap(client.api.auth.login.$post({ json: credentials }));
}

/** Logout declares no body, but every write must be application/json, so send an empty object. */
export function signOut() {
  return unwrap(
    client.api.auth.logout.$post(undefined, {
      headers: { "Content-Type": "application/json" },
      init: { body: "{}" },
    }),
  );
}
