import { exports } from "cloudflare:workers";
import type { z } from "@hono/zod-openapi";
import { hc } from "hono/client";
import { expect } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/demo.ts";
import type { AppType } from "../../worker/app.ts";
import type { ErrorSchema } from "../../worker/schemas/common.ts";

export const ORIGIN = "https://wenming.test";

/** Every request goes through the Worker's real fetch entry, middleware and all. */
const viaWorker = (input: RequestInfo | URL, init?: RequestInit) => exports.default.fetch(new Request(input, init));

/**
 * The typed client, as a same-origin browser with this session cookie (or none): writes carry the Origin header,
 * and the typed client sends `json` bodies as application/json. Paths, params, queries and bodies are checked
 * against the routes, and `await res.json()` has the route's response type, so a changed shape fails typecheck.
 */
export function api(cookie?: string) {
  return hc<AppType>(ORIGIN, {
    fetch: viaWorker,
    headers: cookie ? { cookie, origin: ORIGIN } : { origin: ORIGIN },
  });
}

/** The tenant routes (`/api/t/:tenant/...`) of the typed client; pass `param: { tenant }` on each call. */
export const tenantApi = (cookie?: string) => api(cookie).api.t[":tenant"];

/** The API's one error shape. */
export type ErrorBody = z.infer<typeof ErrorSchema>;

interface JsonResponse {
  status: number;
  json(): Promise<unknown>;
}
type BodyOf<R extends JsonResponse> = Awaited<ReturnType<R["json"]>>;

/** Awaits a typed call, checks its status (200 unless told) and returns its body with the route's type. */
export async function ok<R extends JsonResponse>(request: Promise<R>, status = 200): Promise<BodyOf<R>> {
  const res = await request;
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(status);
  return body as BodyOf<R>;
}

/** Awaits a typed call that must fail with this status and returns its error body. */
export async function failure(request: Promise<JsonResponse>, status: number): Promise<ErrorBody> {
  const res = await request;
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(status);
  return body as ErrorBody;
}

/** The status of a typed call, for checks where nothing else matters (404s across tenants and scopes). */
export async function statusOf(request: Promise<{ status: number }>): Promise<number> {
  return (await request).status;
}

export interface CallOptions {
  method?: string;
  body?: unknown;
  cookie?: string;
  headers?: Record<string, string>;
}

/**
 * A plain request, for what the typed client cannot send because it breaks the route's types on purpose:
 * another content type, malformed JSON, oversize or raw file bodies, unknown fields, a path no route has.
 * Everything else goes through `api()`.
 */
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

/** `call` plus its JSON body, typed by the caller: only for the deliberate type-breaking requests above. */
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
  const response = await api().api.auth.login.$post({ json: { email, password } });
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
  const res = await api().api.auth.activate.$post({ json: { token: tokenOf(link), password, ...extra } });
  const body = await res.json();
  if (res.status !== 200) throw new Error(`activation failed: ${JSON.stringify(body)}`);
  return signIn(body.email, password);
}
