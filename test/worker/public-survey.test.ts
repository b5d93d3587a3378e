import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import {
  DEVICE_COOKIE,
  newDeviceCookie,
  startToken,
  surveyLinkKey,
  surveyPath,
} from "../../worker/domain/survey-token.ts";
import { THROTTLE_RULES } from "../../worker/domain/throttle.ts";
import { call, callJson, type ErrorBody } from "./client.ts";
import { PATHS, signInAll } from "./fixtures.ts";
import { roundTripsOf } from "./round-trips.ts";
import {
  createSystem,
  insertApplication,
  scoringRound,
  setPhase,
  TENANT,
  TENANT_ID,
  unitsUnder,
} from "./scoring-fixtures.ts";

const OPTIONS = [
  { label: "满意", value: 1 },
  { label: "基本满意", value: 0.6 },
  { label: "不满意", value: 0 },
];
/** Two staff questions and one public question, all scoring SMALL_SYSTEM's survey item A2.1 (10 points). */
const QUESTIONS = [
  { id: "q1", text: "您对本单位创建工作是否满意", itemCode: "A2.1", audience: "staff", options: OPTIONS },
  { id: "q2", text: "您对本单位职工文明素养是否满意", itemCode: "A2.1", audience: "staff", options: OPTIONS },
  { id: "q3", text: "您对该单位的服务是否满意", itemCode: "A2.1", audience: "public", options: OPTIONS },
];
const STAFF_ANSWERS = [
  { questionId: "q1", option: 0 },
  { questionId: "q2", option: 1 },
];

let secret: string;
let roundId: string;
let units: string[];
let ip = 0;

/** A fresh address on its own network, so one test's answers do not count against another's limit. */
const nextNetwork = () => `198.51.${++ip}.10`;

async function putSurvey(round: string, window: { opensAt: string; closesAt: string }, minAnswers = 1) {
  await env.DB.prepare(
    `insert into surveys (round_id, tenant_id, questions, min_answers, below_minimum, opens_on, closes_on, opens_at,
      closes_at, updated_at) values (?, ?, ?, ?, 'zero', ?, ?, ?, ?, ?)
     on conflict (round_id) do update set opens_at = excluded.opens_at, closes_at = excluded.closes_at`,
  )
    .bind(
      round,
      TENANT_ID,
      JSON.stringify(QUESTIONS),
      minAnswers,
      window.opensAt.slice(0, 10),
      window.closesAt.slice(0, 10),
      window.opensAt,
      window.closesAt,
      new Date().toISOString(),
    )
    .run();
}

const OPEN_WINDOW = {
  opensAt: new Date(Date.now() - 86_400_000).toISOString(),
  closesAt: new Date(Date.now() + 86_400_000).toISOString(),
};

let unitIndex = 0;
async function newApplication(round = roundId): Promise<string> {
  return insertApplication(round, units[unitIndex++] ?? "");
}

const apiPath = (applicationId: string, tenant = TENANT) => `/api/public/t/${tenant}/surveys/${applicationId}`;

/** A respondent's browser: its device cookie and a start token from `secondsAgo`, as the form's GET would give. */
async function device(applicationId: string, secondsAgo = 60) {
  const { deviceId, value } = await newDeviceCookie(secret);
  return {
    cookie: `${DEVICE_COOKIE}=${value}`,
    token: await startToken(secret, applicationId, deviceId, Date.now() - secondsAgo * 1000),
  };
}

interface Respondent {
  cookie: string;
  token: string;
}

async function post(
  applicationId: string,
  who: Respondent,
  overrides: Record<string, unknown> = {},
  address = "203.0.113.7",
  tenant = TENANT,
) {
  return call(apiPath(applicationId, tenant), {
    body: {
      k: await surveyLinkKey(secret, applicationId),
      startToken: who.token,
      audience: "staff",
      answers: STAFF_ANSWERS,
      ...overrides,
    },
    headers: { cookie: who.cookie, "cf-connecting-ip": address },
  });
}

const errorOf = async (response: Response) => ((await response.json()) as ErrorBody).error;

const responses = (applicationId: string) =>
  env.DB.prepare("select * from survey_responses where application_id = ? order by created_at")
    .bind(applicationId)
    .all<Record<string, unknown>>();

const sourcePoints = (applicationId: string) =>
  env.DB.prepare("select answers, rate, points from source_points where application_id = ? and item_code = 'A2.1'")
    .bind(applicationId)
    .first<{ answers: number; rate: number; points: number }>();

const extraPoints = (applicationId: string) =>
  env.DB.prepare("select stage, extra_points from application_results where application_id = ? order by stage")
    .bind(applicationId)
    .all<{ stage: string; extra_points: number }>();

beforeAll(async () => {
  const { sichuanAdmin } = await signInAll("sichuanAdmin");
  roundId = await scoringRound(sichuanAdmin, await createSystem(sichuanAdmin));
  units = await unitsUnder(PATHS.deyang, 30);
  const key = await env.DB.prepare("select key from signing_keys where purpose = 'survey'").first<{ key: string }>();
  secret = key?.key ?? "";
  expect(secret).not.toBe("");
  await putSurvey(roundId, OPEN_WINDOW);
});

describe("reading a unit's questionnaire", () => {
  it("answers the unit, the round and the questions without item codes or option values, in one round trip", async () => {
    const applicationId = await newApplication();
    const response = await call(`${apiPath(applicationId)}?k=${await surveyLinkKey(secret, applicationId)}`);
    expect(response.status).toBe(200);
    expect(roundTripsOf(response)).toBe(1);
    expect(response.headers.get("cache-control")).toContain("no-store");
    const body = (await response.json()) as Record<string, unknown> & { questions: Array<Record<string, unknown>> };
    expect(body).toMatchObject({ open: true, answered: false, roundTitle: expect.stringContaining("评分测试评选") });
    expect(body.unitName).toEqual(expect.any(String));
    expect(body.questions).toEqual(
      QUESTIONS.map((q) => ({
        id: q.id,
        text: q.text,
        audience: q.audience,
        options: OPTIONS.map(({ label }) => ({ label })),
      })),
    );
    expect(JSON.stringify(body)).not.toContain("A2.1");
  });

  it("sets a signed device cookie (HttpOnly, Secure, Lax, scoped to the public API) only when the browser has none", async () => {
    const applicationId = await newApplication();
    const path = `${apiPath(applicationId)}?k=${await surveyLinkKey(secret, applicationId)}`;
    const first = await call(path);
    const cookie = first.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(new RegExp(`^${DEVICE_COOKIE}=[\\w-]+\\.[\\w-]+;`));
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("Secure");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Path=/api/public");
    expect(cookie).toMatch(/Max-Age=31536000/);
    const again = await call(path, { cookie: cookie.split(";")[0] });
    expect(again.headers.get("set-cookie")).toBeNull();
    // A forged cookie is replaced, not trusted.
    const forged = await call(path, { cookie: `${DEVICE_COOKIE}=someone.forged` });
    expect(forged.headers.get("set-cookie")).toContain(`${DEVICE_COOKIE}=`);
  });

  it("answers 404 for a wrong key, an unknown or withdrawn application, another office's slug, or no questionnaire", async () => {
    const applicationId = await newApplication();
    const key = await surveyLinkKey(secret, applicationId);
    expect((await call(`${apiPath(applicationId)}?k=${key.slice(0, -1)}x`)).status).toBe(404);
    expect((await call(`${apiPath(applicationId)}?k=${await surveyLinkKey(secret, "other")}`)).status).toBe(404);
    expect((await call(`${apiPath("no-such-app")}?k=${await surveyLinkKey(secret, "no-such-app")}`)).status).toBe(404);
    expect((await call(`${apiPath(applicationId, "hubei")}?k=${key}`)).status).toBe(404);
    expect((await call(`${apiPath(applicationId, "nowhere")}?k=${key}`)).status).toBe(404);
    expect((await call(apiPath(applicationId))).status).toBe(400);
    const withdrawn = await insertApplication(roundId, units[unitIndex++] ?? "", "withdrawn");
    expect((await call(`${apiPath(withdrawn)}?k=${await surveyLinkKey(secret, withdrawn)}`)).status).toBe(404);
    const { sichuanAdmin } = await signInAll("sichuanAdmin");
    const bare = await scoringRound(sichuanAdmin, await createSystem(sichuanAdmin));
    const elsewhere = await newApplication(bare);
    expect((await call(`${apiPath(elsewhere)}?k=${await surveyLinkKey(secret, elsewhere)}`)).status).toBe(404);
  });

  it("the link the owner's side builds opens this questionnaire", async () => {
    const applicationId = await newApplication();
    const path = surveyPath(TENANT, applicationId, await surveyLinkKey(secret, applicationId));
    const [, query] = path.split("?");
    expect((await call(`${apiPath(applicationId)}?${query}`)).status).toBe(200);
  });
});

describe("answering", () => {
  it("takes one answer per device: the same device again is 409, a second device counts, the GET says answered", async () => {
    const applicationId = await newApplication();
    const first = await device(applicationId);
    const response = await post(applicationId, first, {}, nextNetwork());
    expect(response.status, await response.clone().text()).toBe(202);
    expect(await response.json()).toEqual({ received: true });
    expect(roundTripsOf(response)).toBeLessThanOrEqual(2);
    const twice = await post(applicationId, first, {}, nextNetwork());
    expect(twice.status).toBe(409);
    expect((await errorOf(twice)).code).toBe("survey_already_answered");
    // A new page (a new start token) does not help the same device either.
    const again = await post(
      applicationId,
      { ...first, token: (await device(applicationId)).token },
      {},
      nextNetwork(),
    );
    expect(again.status).toBe(400);
    const read = await callJson<{ answered: boolean }>(
      `${apiPath(applicationId)}?k=${await surveyLinkKey(secret, applicationId)}`,
      { cookie: first.cookie },
    );
    expect(read.body.answered).toBe(true);
    expect((await post(applicationId, await device(applicationId), {}, nextNetwork())).status).toBe(202);
    expect((await responses(applicationId)).results).toHaveLength(2);
    expect((await sourcePoints(applicationId))?.answers).toBe(2);
  });

  it("the same device answering twice at once stores one answer, and nothing of the refused batch (the unique index decides)", async () => {
    const applicationId = await newApplication();
    const who = await device(applicationId);
    const statuses = await Promise.all([post(applicationId, who), post(applicationId, who)]).then((all) =>
      all.map((r) => r.status).sort(),
    );
    expect(statuses).toEqual([202, 409]);
    expect((await responses(applicationId)).results).toHaveLength(1);
    // The refused batch left nothing behind: its answers and its points refresh went with its response.
    const answers = await env.DB.prepare("select count(*) n from survey_answers where application_id = ?")
      .bind(applicationId)
      .first<{ n: number }>();
    expect(answers?.n).toBe(STAFF_ANSWERS.length);
    expect((await sourcePoints(applicationId))?.answers).toBe(1);
  });

  it("moves the item's source points and the application's extra points in the same batch", async () => {
    const applicationId = await newApplication();
    expect(await sourcePoints(applicationId)).toBeNull();
    expect((await post(applicationId, await device(applicationId), {}, nextNetwork())).status).toBe(202);
    // Staff answered 满意 (1) and 基本满意 (0.6): rate 0.8 of 10 points.
    expect(await sourcePoints(applicationId)).toEqual({ answers: 1, rate: 0.8, points: 8 });
    const publicAnswer = { audience: "public", answers: [{ questionId: "q3", option: 2 }] };
    expect((await post(applicationId, await device(applicationId), publicAnswer, nextNetwork())).status).toBe(202);
    // Three answers to A2.1 in all (1, 0.6, 0): the mean 0.533… of 10 points.
    expect(await sourcePoints(applicationId)).toMatchObject({ answers: 2, points: 5.33 });
    expect((await extraPoints(applicationId)).results).toEqual([
      { stage: "city", extra_points: 5.33 },
      { stage: "province", extra_points: 5.33 },
    ]);
  });

  it("keeps an answer sent faster than a person reads as too_fast, not counted and earning nothing", async () => {
    const applicationId = await newApplication();
    const response = await post(applicationId, await device(applicationId, 2), {}, nextNetwork());
    expect(response.status).toBe(202);
    const [stored] = (await responses(applicationId)).results;
    expect(stored).toMatchObject({ status: "too_fast" });
    const answers = await env.DB.prepare("select counted from survey_answers where response_id = ?")
      .bind(stored?.id)
      .all<{ counted: number }>();
    expect(answers.results).toEqual([{ counted: 0 }, { counted: 0 }]);
    expect(await sourcePoints(applicationId)).toBeNull();
  });

  it("answers a filled honeypot 202 and stores nothing", async () => {
    const applicationId = await newApplication();
    const response = await post(applicationId, await device(applicationId), { website: "http://spam.example" });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ received: true });
    expect((await responses(applicationId)).results).toHaveLength(0);
  });

  it("refuses answers before the window opens, from its closing instant on, and once the round is named (409)", async () => {
    const { sichuanAdmin } = await signInAll("sichuanAdmin");
    const round = await scoringRound(sichuanAdmin, await createSystem(sichuanAdmin));
    const applicationId = await newApplication(round);
    const hour = 3_600_000;
    await putSurvey(round, {
      opensAt: new Date(Date.now() + hour).toISOString(),
      closesAt: new Date(Date.now() + 2 * hour).toISOString(),
    });
    const early = await post(applicationId, await device(applicationId), {}, nextNetwork());
    expect(early.status).toBe(409);
    expect((await errorOf(early)).code).toBe("survey_closed");
    const read = await callJson<{ open: boolean }>(
      `${apiPath(applicationId)}?k=${await surveyLinkKey(secret, applicationId)}`,
    );
    expect(read.body.open).toBe(false);
    await putSurvey(round, {
      opensAt: new Date(Date.now() - 2 * hour).toISOString(),
      closesAt: new Date(Date.now() - 1000).toISOString(),
    });
    expect((await errorOf(await post(applicationId, await device(applicationId), {}, nextNetwork()))).code).toBe(
      "survey_closed",
    );
    await putSurvey(round, OPEN_WINDOW);
    await setPhase(round, "named");
    expect((await errorOf(await post(applicationId, await device(applicationId), {}, nextNetwork()))).code).toBe(
      "survey_closed",
    );
    expect((await responses(applicationId)).results).toHaveLength(0);
  });

  it("refuses a missing or forged device cookie or start token (400) and stores nothing", async () => {
    const applicationId = await newApplication();
    const who = await device(applicationId);
    const other = await device(applicationId);
    const tries: Respondent[] = [
      { cookie: "", token: who.token },
      { cookie: `${DEVICE_COOKIE}=forged.cookie`, token: who.token },
      { cookie: who.cookie, token: other.token },
      { cookie: who.cookie, token: `${Date.now() - 120_000}.${who.token.split(".")[1]}` },
      { cookie: who.cookie, token: "12345678.forged" },
    ];
    for (const attempt of tries) {
      const response = await post(applicationId, attempt, {}, nextNetwork());
      expect(response.status).toBe(400);
      expect((await errorOf(response)).code).toBe("survey_page_expired");
    }
    expect((await responses(applicationId)).results).toHaveLength(0);
  });

  it("answers 404 for a wrong key, another office's slug or an unknown application, and stores nothing", async () => {
    const applicationId = await newApplication();
    const who = await device(applicationId);
    expect((await post(applicationId, who, { k: await surveyLinkKey(secret, "x-app") }, nextNetwork())).status).toBe(
      404,
    );
    expect((await post(applicationId, who, {}, nextNetwork(), "hubei")).status).toBe(404);
    const response = await call(apiPath("no-such-app"), {
      body: { k: "abcdefgh", startToken: who.token, audience: "staff", answers: STAFF_ANSWERS },
      headers: { cookie: who.cookie },
    });
    expect(response.status).toBe(404);
    expect((await responses(applicationId)).results).toHaveLength(0);
  });

  it("names the fields of bad answers (400): missing, repeated, another audience's, unknown options, unknown fields", async () => {
    const applicationId = await newApplication();
    const who = await device(applicationId);
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ answers: [{ questionId: "q1", option: 0 }] }, "answers"],
      [{ answers: [...STAFF_ANSWERS, { questionId: "q1", option: 1 }] }, "answers.2.questionId"],
      [{ answers: [...STAFF_ANSWERS, { questionId: "q3", option: 0 }] }, "answers.2.questionId"],
      [{ answers: [{ questionId: "q1", option: 5 }, STAFF_ANSWERS[1]] }, "answers.0.option"],
      [{ answers: [{ questionId: "q1", option: -1 }, STAFF_ANSWERS[1]] }, "answers.0.option"],
      [{ audience: "visitor" }, "audience"],
      [{ answers: [] }, "answers"],
    ];
    for (const [overrides, field] of bad) {
      const response = await post(applicationId, who, overrides, nextNetwork());
      expect(response.status, JSON.stringify(overrides)).toBe(400);
      const error = await errorOf(response);
      expect(Object.keys(error.fields ?? {}), JSON.stringify(overrides)).toContain(field);
    }
    for (const extra of [{ status: "counted" }, { tenantId: "t-hubei" }, { durationSeconds: 600 }]) {
      expect((await post(applicationId, who, extra, nextNetwork())).status, JSON.stringify(extra)).toBe(400);
    }
    expect((await call(apiPath(applicationId), { body: "{", headers: { cookie: who.cookie } })).status).toBe(400);
    expect(
      (
        await call(apiPath(applicationId), {
          body: "{}",
          headers: { cookie: who.cookie, "content-type": "text/plain" },
        })
      ).status,
    ).toBe(415);
    expect((await responses(applicationId)).results).toHaveLength(0);
  });

  it("limits a network's answers per hour (429 with Retry-After) while another network still answers", async () => {
    const applicationId = await newApplication();
    const limit = THROTTLE_RULES.survey.maxFailures;
    const sameNetwork = (i: number) => `192.0.2.${(i % 200) + 1}`;
    for (let i = 0; i < limit; i++) {
      const response = await post(applicationId, await device(applicationId), {}, sameNetwork(i));
      expect(response.status).toBe(202);
    }
    const limited = await post(applicationId, await device(applicationId), {}, sameNetwork(limit));
    expect(limited.status).toBe(429);
    expect((await errorOf(limited)).code).toBe("rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await post(applicationId, await device(applicationId), {}, nextNetwork())).status).toBe(202);
    expect((await responses(applicationId)).results).toHaveLength(limit + 1);
  });
});

describe("what an answer keeps", () => {
  it("no personal data: no address, no user agent, no device id; only digests, a duration, a status and a time", async () => {
    const applicationId = await newApplication();
    const who = await device(applicationId);
    const address = "203.0.113.201";
    const response = await call(apiPath(applicationId), {
      body: {
        k: await surveyLinkKey(secret, applicationId),
        startToken: who.token,
        audience: "staff",
        answers: STAFF_ANSWERS,
      },
      headers: { cookie: who.cookie, "cf-connecting-ip": address, "user-agent": "Mozilla/5.0 MicroMessenger/8.0" },
    });
    expect(response.status).toBe(202);
    const [stored] = (await responses(applicationId)).results;
    expect(Object.keys(stored ?? {}).sort()).toEqual(
      [
        "application_id",
        "created_at",
        "device_hash",
        "duration_seconds",
        "id",
        "network_hash",
        "round_id",
        "status",
        "tenant_id",
      ].sort(),
    );
    const text = JSON.stringify(stored);
    const deviceId = who.cookie.split("=")[1]?.split(".")[0] ?? "";
    for (const secretPart of [address, "203.0.113", "MicroMessenger", deviceId]) expect(text).not.toContain(secretPart);
    const throttleKeys = await env.DB.prepare("select key from login_throttle where key like 'survey:%'").all<{
      key: string;
    }>();
    expect(JSON.stringify(throttleKeys.results)).not.toContain("203.0.113");
    const answers = await env.DB.prepare("select * from survey_answers where response_id = ?").bind(stored?.id).all();
    expect(Object.keys(answers.results[0] ?? {}).sort()).toEqual(
      ["application_id", "counted", "item_code", "question_id", "response_id", "tenant_id", "value"].sort(),
    );
  });
});
