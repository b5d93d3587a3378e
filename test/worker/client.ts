import { exports } from "cloudflare:workers";
import { DEMO_PASSWORD } from "../../db/seed/demo.ts";

export const ORIGIN = "https://wenming.test";

export interface CallOptions {
  method?: string;
  body?: unknown;
  cookie?: string;
  headers?: Record<string, string>;
}

/** Calls the Worker as a same-origin browser would: JSON bodies, the Origin header, the session cookie. */
export async function call(path: string, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  const method = options.method ?? (options.body === undefined ? "GET" : "POST");
  if (method !== "GET") {
    headers.origin ??= ORIGIN;
    headers["content-type"] ??= "application/json";
  }
  const raw = typeof options.body === "string" || ArrayBuffer.isView(options.body);
  const body = options.body === undefined ? undefined : raw ? (options.body as BodyInit) : JSON.stringify(options.body);
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, { method, headers, body }));
}

export async function callJson<T = unknown>(
  path: string,
  options: CallOptions = {},
): Promise<{ status: number; body: T }> {
  const response = await call(path, options);
  return { status: response.status, body: (await response.json()) as T };
}

const cookies = new Map<string, string>();

/** Signs a demo account in once per test file and returns its session cookie. */
export async function signIn(email: string, password = DEMO_PASSWORD): Promise<string> {
  const cached = cookies.get(email);
  if (cached && password === DEMO_PASSWORD) return cached;
  const response = await call("/api/auth/login", { body: { email, password } });
  if (response.status !== 200) throw new Error(`sign-in of ${email} failed: ${response.status}`);
  const setCookie = response.headers.get("set-cookie") ?? "";
  const cookie = setCookie.split(";")[0] ?? "";
  cookies.set(email, cookie);
  return cookie;
}

/** The token carried in an activation link's fragment. */
export function tokenOf(link: string): string {
  return new URL(link).hash.replace(/^#token=/, "");
}

/** Uses an activation link as its recipient would: set a password (and email if asked), then sign in. */
export async function activate(link: string, password: string, extra: { email?: string; displayName?: string } = {}) {
  const activated = await callJson<{ email: string }>("/api/auth/activate", {
    body: { token: tokenOf(link), password, ...extra },
  });
  if (activated.status !== 200) throw new Error(`activation failed: ${JSON.stringify(activated.body)}`);
  return signIn(activated.body.email, password);
}
