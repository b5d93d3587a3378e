// The questionnaire page's two requests: plain fetch (WeChat's in-app browser has it), cookies same-origin.
import type { z } from "@hono/zod-openapi";
import type { PublicSurvey, SurveyAnswerBody } from "../../../worker/schemas/survey.ts";

export type Survey = z.output<typeof PublicSurvey>;
export type Answers = z.input<typeof SurveyAnswerBody>;

/** Where the page was opened: /s/<tenant>/<applicationId>?k=<key>. */
export interface SurveyLink {
  tenant: string;
  applicationId: string;
  key: string;
}

export function linkOf(location: Location): SurveyLink | null {
  const match = /^\/s\/([^/]+)\/([^/]+)\/?$/.exec(location.pathname);
  const key = new URLSearchParams(location.search).get("k");
  if (!match?.[1] || !match[2] || !key) return null;
  return { tenant: decodeURIComponent(match[1]), applicationId: decodeURIComponent(match[2]), key };
}

/** What went wrong, as the page tells it. */
export type Failure =
  | { kind: "not_found" | "closed" | "answered" | "expired" | "network" | "invalid" }
  | { kind: "limited"; retryAfterSeconds: number };

const apiPath = (link: SurveyLink) =>
  `/api/public/t/${encodeURIComponent(link.tenant)}/surveys/${encodeURIComponent(link.applicationId)}`;

async function failureOf(response: Response): Promise<Failure> {
  if (response.status === 404) return { kind: "not_found" };
  if (response.status === 429) {
    return { kind: "limited", retryAfterSeconds: Number(response.headers.get("Retry-After")) || 3600 };
  }
  const code = await (response.json() as Promise<{ error?: { code?: string } }>)
    .then((body) => body.error?.code)
    .catch(() => undefined);
  if (code === "survey_closed") return { kind: "closed" };
  if (code === "survey_already_answered") return { kind: "answered" };
  if (code === "survey_page_expired") return { kind: "expired" };
  if (response.status === 400) return { kind: "invalid" };
  return { kind: "network" };
}

export type Result<T> = { ok: true; value: T } | { ok: false; failure: Failure };

async function request<T>(run: () => Promise<Response>, read: (response: Response) => Promise<T>): Promise<Result<T>> {
  let response: Response;
  try {
    response = await run();
  } catch {
    return { ok: false, failure: { kind: "network" } };
  }
  if (!response.ok) return { ok: false, failure: await failureOf(response) };
  return { ok: true, value: await read(response) };
}

export function loadSurvey(link: SurveyLink): Promise<Result<Survey>> {
  return request(
    () =>
      fetch(`${apiPath(link)}?k=${encodeURIComponent(link.key)}`, {
        credentials: "same-origin",
        cache: "no-store",
      }),
    (response) => response.json() as Promise<Survey>,
  );
}

export function sendAnswers(link: SurveyLink, answers: Answers): Promise<Result<true>> {
  return request(
    () =>
      fetch(apiPath(link), {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(answers),
      }),
    async () => true as const,
  );
}
