// The public questionnaire (no login): one unit's questions, and the answers of one device.
import { createRoute } from "@hono/zod-openapi";
import { getCookie, setCookie } from "hono/cookie";
import { criteriaFound } from "../data/criteria.ts";
import { newId, nowIso } from "../data/db.ts";
import {
  deviceAnswered,
  responseInserts,
  type SurveyLink,
  surveyLinkCriteria,
  surveyLinkLookup,
} from "../data/public-survey.ts";
import { surveySigningKey } from "../data/signing-keys.ts";
import { extraPointsRefresh, surveyPointsRefresh } from "../data/source-points.ts";
import { questionsOf, surveyRuleOf } from "../data/surveys.ts";
import { counterLookup, counterOf, counterUpsert } from "../data/throttle.ts";
import { isUniqueViolation } from "../data/unique-violation.ts";
import { answerRows } from "../domain/public-survey.ts";
import { addressKey } from "../domain/public-titles.ts";
import { surveySourceItems } from "../domain/source-points.ts";
import {
  DEVICE_COOKIE,
  DEVICE_COOKIE_SECONDS,
  deviceHash,
  deviceIdOf,
  networkHash,
  networkPrefix,
  newDeviceCookie,
  sameKey,
  startedAtOf,
  startToken,
  surveyLinkKey,
  tooFast,
} from "../domain/survey-token.ts";
import { afterFailure, lockedForSeconds, throttleKey } from "../domain/throttle.ts";
import { ApiError, invalidFields } from "../errors.ts";
import { createRouter } from "../router.ts";
import { errorResponses, jsonBody, jsonResponse } from "../schemas/common.ts";
import { RoundSettings } from "../schemas/rounds.ts";
import {
  PublicSurvey,
  PublicSurveyParams,
  PublicSurveyQuery,
  SurveyAnswerBody,
  SurveyReceipt,
} from "../schemas/survey.ts";

const read = createRoute({
  method: "get",
  path: "/t/{tenant}/surveys/{applicationId}",
  tags: ["public"],
  summary: "A unit's questionnaire as its survey link opens it (问卷调查), with a signed start token",
  description:
    "Public (no login), never cached. An unknown office, application or key, or a round without a questionnaire, answers 404. Sets the device cookie (a random id, signed) when the browser has none.",
  request: { params: PublicSurveyParams, query: PublicSurveyQuery },
  responses: { 200: jsonResponse("The questionnaire", PublicSurvey), ...errorResponses(400, 404) },
});

const answer = createRoute({
  method: "post",
  path: "/t/{tenant}/surveys/{applicationId}",
  tags: ["public"],
  summary: "Answer a unit's questionnaire: one answer per device and unit, while the survey window is open",
  description:
    "Public (no login), same-origin JSON only, with the device cookie and the start token the questionnaire was read with (else 400). Answers faster than a person reads are kept but not counted. Limited per network (429 with Retry-After).",
  request: { params: PublicSurveyParams, body: jsonBody(SurveyAnswerBody) },
  responses: {
    202: jsonResponse("Received", SurveyReceipt),
    ...errorResponses(400, 403, 404, 409, 413, 415, 429),
  },
});

type Found<T> = T extends ReadonlyArray<infer R> ? R : never;
type LinkRow = Found<Awaited<ReturnType<typeof surveyLinkLookup>>>;

/** The linked application when the link's key is its key, else null: a wrong key looks like an unknown link. */
async function keyedLink(row: LinkRow | undefined, secret: string, key: string): Promise<LinkRow | null> {
  return row && secret && sameKey(key, await surveyLinkKey(secret, row.applicationId)) ? row : null;
}

/** Answers are taken from the opening instant until the closing one, and never once the round is named. */
function isOpen(row: LinkRow, now: string): boolean {
  return row.phase !== "named" && now >= row.opensAt && now < row.closesAt;
}

export const publicSurveyRoutes = createRouter()
  .openapi(read, async (c) => {
    const { db } = c.var;
    const { tenant, applicationId } = c.req.valid("param");
    const link: SurveyLink = { slug: tenant, applicationId };
    const cookie = getCookie(c, DEVICE_COOKIE);
    // The cookie's id is only trusted once its signature is checked (after the read, with the key it brings).
    const claimed = cookie?.split(".")[0];
    const claimedHash = claimed ? await deviceHash(claimed) : "";
    const [[found], [signingKey], answeredRows] = await db.batch([
      surveyLinkLookup(db, link),
      surveySigningKey(db),
      deviceAnswered(db, link, claimedHash),
    ]);
    const secret = signingKey?.key ?? "";
    const row = await keyedLink(found, secret, c.req.valid("query").k);
    if (!row) throw new ApiError("not_found");
    let deviceId = await deviceIdOf(secret, cookie);
    if (!deviceId) {
      const fresh = await newDeviceCookie(secret);
      deviceId = fresh.deviceId;
      // Scoped to the public API: the device cookie is read by nothing else and never reaches the signed-in app.
      setCookie(c, DEVICE_COOKIE, fresh.value, {
        path: "/api/public",
        httpOnly: true,
        secure: true,
        sameSite: "Lax",
        maxAge: DEVICE_COOKIE_SECONDS,
      });
    }
    const answered = deviceId === claimed && answeredRows.length > 0;
    return c.json(
      {
        unitName: row.unitName,
        roundTitle: row.roundTitle,
        opensOn: row.opensOn,
        closesOn: row.closesOn,
        open: isOpen(row, nowIso()),
        answered,
        startToken: await startToken(secret, row.applicationId, deviceId, Date.now()),
        questions: questionsOf(row).map((q) => ({
          id: q.id,
          text: q.text,
          audience: q.audience,
          options: q.options.map((o) => ({ label: o.label })),
        })),
      },
      200,
    );
  })
  .openapi(answer, async (c) => {
    const { db } = c.var;
    const body = c.req.valid("json");
    // A bot filled the field people never see: it gets what a person would, and nothing is kept.
    if (body.website) return c.json({ received: true as const }, 202);
    const { tenant, applicationId } = c.req.valid("param");
    const link: SurveyLink = { slug: tenant, applicationId };
    const now = new Date();
    const address = c.req.header("cf-connecting-ip");
    // The hour's counter is keyed by the network prefix's digest (an unkeyed one, so it can ride the first read;
    // the counter lives an hour), the stored response by a keyed hash of it: neither keeps an address.
    const counterKey = throttleKey("survey", await addressKey(networkPrefix(address ?? "") ?? "unknown"));
    const cookie = getCookie(c, DEVICE_COOKIE);
    const claimed = cookie?.split(".")[0] ?? "";
    const claimedHash = await deviceHash(claimed);
    const [[found], [signingKey], counterRows, answeredRows, criteriaRows] = await db.batch([
      surveyLinkLookup(db, link),
      surveySigningKey(db),
      counterLookup(db, counterKey),
      deviceAnswered(db, link, claimedHash),
      surveyLinkCriteria(db, link),
    ]);
    const counter = counterOf(counterRows);
    const wait = lockedForSeconds("survey", counter, now);
    if (wait > 0) throw new ApiError("rate_limited", { headers: { "Retry-After": String(wait) } });
    const counted = counterUpsert(db, counterKey, afterFailure("survey", counter, now));
    // Every attempt past the limit check counts against the network, refused ones too (a script's junk included).
    const refuse = async (error: ApiError) => {
      await db.batch([counted]);
      return error;
    };
    const secret = signingKey?.key ?? "";
    const row = await keyedLink(found, secret, body.k);
    if (!row) throw await refuse(new ApiError("not_found"));
    const deviceId = await deviceIdOf(secret, cookie);
    const startedAt = deviceId
      ? await startedAtOf(secret, body.startToken, row.applicationId, deviceId, now.getTime())
      : null;
    if (!deviceId || startedAt === null) throw await refuse(new ApiError("survey_page_expired"));
    if (!isOpen(row, now.toISOString())) {
      throw await refuse(new ApiError("survey_closed", { current: { opensOn: row.opensOn, closesOn: row.closesOn } }));
    }
    if (answeredRows.length > 0) throw await refuse(new ApiError("survey_already_answered"));
    const questions = questionsOf(row);
    const checked = answerRows(questions, body.audience, body.answers);
    if ("problems" in checked) throw await refuse(invalidFields(checked.problems));

    const target = { tenantId: row.tenantId, roundId: row.roundId, applicationId: row.applicationId };
    const durationSeconds = Math.floor((now.getTime() - startedAt) / 1000);
    const status = tooFast(durationSeconds, checked.rows.length) ? "too_fast" : "counted";
    const inserts = responseInserts(
      db,
      target,
      {
        id: newId(),
        deviceHash: claimedHash,
        networkHash: await networkHash(secret, address),
        durationSeconds,
        status,
        createdAt: now.toISOString(),
      },
      checked.rows,
    );
    const baseItems = criteriaFound(criteriaRows).doc.categories.flatMap((category) => category.items);
    const items = surveySourceItems(baseItems, questions);
    // A too-fast answer changes no points; a counted one moves its items' points and the application's results
    // (extraPoints) in the same batch, so the ranking shows it at once.
    const refresh =
      status === "counted" && items.length > 0
        ? [
            surveyPointsRefresh(db, target, items, surveyRuleOf(row)),
            ...extraPointsRefresh(db, target, RoundSettings.parse(JSON.parse(row.roundSettings)).review.aggregation),
          ]
        : [];
    try {
      // No audit event: answers are anonymous and many (thousands per round), no one acts on anyone's behalf, and
      // the response row itself (time, status, hashes) is the record; the audit trail keeps officials' actions.
      await db.batch([counted, ...inserts, ...refresh]);
    } catch (error) {
      // The same device answering twice at the same moment: the unique index keeps the first.
      if (!isUniqueViolation(error, "survey_responses.application_id", "survey_responses_device")) throw error;
      throw await refuse(new ApiError("survey_already_answered"));
    }
    return c.json({ received: true as const }, 202);
  });
