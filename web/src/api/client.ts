import type { ClientResponse } from "hono/client";
import { hc } from "hono/client";
import type { SuccessStatusCode } from "hono/utils/http-status";
// Type-only: the SPA bundles none of the Worker's code, only its route types.
import type { AppType } from "../../../worker/app.ts";

/** The only way the SPA talks to the Worker: same origin, so the session cookie rides along. */
export const client = hc<AppType>("/");

/** The API's one error shape, as a throwable: status plus both languages' messages. */
export class ApiFailure extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageZh: string;
  readonly messageEn: string;
  readonly fields: Record<string, string[]> | undefined;
  /** 409 conflicts only: the current state of what was being changed. */
  readonly current: unknown;

  constructor(
    status: number,
    code: string,
    messageZh: string,
    messageEn: string,
    fields?: Record<string, string[]>,
    current?: unknown,
  ) {
    super(messageEn);
    this.name = "ApiFailure";
    this.status = status;
    this.code = code;
    this.messageZh = messageZh;
    this.messageEn = messageEn;
    this.fields = fields;
    this.current = current;
  }

  /** The message in the UI's language (Chinese unless English is chosen). */
  localized(language: string): string {
    return language.startsWith("en") ? this.messageEn : this.messageZh;
  }
}

interface ErrorPayload {
  error?: { code?: unknown; message?: unknown; messageEn?: unknown; fields?: unknown; current?: unknown };
}

function isFields(value: unknown): value is Record<string, string[]> {
  return typeof value === "object" && value !== null;
}

/** Reads an error body defensively: a proxy or a crash may answer with HTML or nothing. */
async function failureFrom(res: Response): Promise<ApiFailure> {
  let payload: ErrorPayload = {};
  try {
    payload = (await res.json()) as ErrorPayload;
  } catch {
    // Not JSON: fall through to the generic messages below.
  }
  const e = payload.error ?? {};
  const code = typeof e.code === "string" ? e.code : "http_error";
  const zh = typeof e.message === "string" ? e.message : `请求失败（HTTP ${res.status}）`;
  const en = typeof e.messageEn === "string" ? e.messageEn : `Request failed (HTTP ${res.status})`;
  return new ApiFailure(res.status, code, zh, en, isFields(e.fields) ? e.fields : undefined, e.current);
}

/** The JSON body type of a response's success statuses only. */
export type OkBody<R> =
  R extends ClientResponse<infer T, infer S, "json"> ? (S extends SuccessStatusCode ? T : never) : never;

/** Awaits a typed-client call and returns its success body, or throws an ApiFailure. */
export async function unwrap<R extends ClientResponse<unknown, number, string>>(
  request: Promise<R>,
): Promise<OkBody<R>> {
  let res: R;
  try {
    res = await request;
  } catch {
    throw new ApiFailure(0, "network", "无法连接服务器，请检查网络", "Cannot reach the server; check your network");
  }
  if (!res.ok) throw await failureFrom(res as unknown as Response);
  return (await res.json()) as OkBody<R>;
}
