import type { ContentfulStatusCode } from "hono/utils/http-status";

/** Every error the API can answer with, in both languages; the code is the machine-readable part. */
const catalog = {
  bad_request: [400, "请求有误", "The request is malformed"],
  validation_failed: [400, "提交的内容有误，请检查标注的字段", "Some fields are invalid"],
  unauthenticated: [401, "请先登录", "Please sign in"],
  invalid_credentials: [401, "邮箱或密码错误", "Wrong email or password"],
  forbidden: [403, "无权执行此操作", "You may not do this"],
  cross_origin: [403, "拒绝跨站请求", "Cross-site request refused"],
  not_found: [404, "未找到", "Not found"],
  payload_too_large: [413, "提交的内容过大", "The request body is too large"],
  unsupported_media_type: [415, "仅接受 application/json 格式的提交", "Only application/json bodies are accepted"],
  too_many_attempts: [429, "尝试次数过多，请稍后再试", "Too many attempts, try again later"],
  internal: [500, "服务器内部错误", "Internal server error"],
} as const satisfies Record<string, readonly [ContentfulStatusCode, string, string]>;

export type ErrorCode = keyof typeof catalog;

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    messageEn: string;
    fields?: Record<string, string[]>;
  };
}

/** Thrown anywhere below the routes; the app's error handler turns it into the one error shape. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: ContentfulStatusCode;
  readonly fields: Record<string, string[]> | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(code: ErrorCode, options: { fields?: Record<string, string[]>; headers?: Record<string, string> } = {}) {
    super(code);
    this.code = code;
    this.status = catalog[code][0];
    this.fields = options.fields;
    this.headers = options.headers;
  }
}

export function errorBody(code: ErrorCode, fields?: Record<string, string[]>): ErrorBody {
  const [, message, messageEn] = catalog[code];
  return { error: fields ? { code, message, messageEn, fields } : { code, message, messageEn } };
}

export function errorStatus(code: ErrorCode): ContentfulStatusCode {
  return catalog[code][0];
}
