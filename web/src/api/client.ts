import type { ClientResponse } from "hono/client";
import { hc } from "hono/client";
import type { SuccessStatusCode } from "hono/utils/http-status";
// Type-only: the SPA bundles none of the Worker's code, only its route types.
import type { AppType } from "../../../worker/app.ts";

/** The only way the SPA talks to the Worker: same origin, so the session cookie rides along. */
export const client = hc<AppType>("/");

/** Field path → messages. */
export type FieldMessages = Record<string, string[]>;

/** The API's one error shape, as a throwable: status plus both languages' messages, also per field. */
export class ApiFailure extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageZh: string;
  readonly messageEn: string;
  /** Field messages in Chinese. */
  readonly fields: FieldMessages | undefined;
  /** The same fields' messages in English (absent from older servers: then `fields` serves both). */
  readonly fieldsEn: FieldMessages | undefined;
  /** 409 conflicts only: the current state of what was being changed. */
  readonly current: unknown;

  constructor(
    status: number,
    code: string,
    messageZh: string,
    messageEn: string,
    fields?: FieldMessages,
    current?: unknown,
    fieldsEn?: FieldMessages,
  ) {
    super(messageEn);
    this.name = "ApiFailure";
    this.status = status;
    this.code = code;
    this.messageZh = messageZh;
    this.messageEn = messageEn;
    this.fields = fields;
    this.fieldsEn = fieldsEn;
    this.current = current;
  }

  /** The message in the UI's language (Chinese unless English is chosen). */
  localized(language: string): string {
    return language.startsWith("en") ? this.messageEn : this.messageZh;
  }

  /** The field messages in the UI's language. */
  localizedFields(language: string): FieldMessages | undefined {
    return language.startsWith("en") ? (this.fieldsEn ?? this.fields) : this.fields;
  }
}

interface ErrorPayload {
  error?: {
    code?: unknown;
    message?: unknown;
    messageEn?: unknown;
    fields?: unknown;
    fieldsEn?: unknown;
    current?: unknown;
  };
}

function isFields(value: unknown): value is FieldMessages {
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
  const fields = isFields(e.fields) ? e.fields : undefined;
  return new ApiFailure(res.status, code, zh, en, fields, e.current, isFields(e.fieldsEn) ? e.fieldsEn : undefined);
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
