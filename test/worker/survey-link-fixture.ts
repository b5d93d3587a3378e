import { env } from "cloudflare:workers";
import { surveyLinkKey } from "../../worker/domain/survey-token.ts";

/**
 * The public API path of an application's questionnaire, giving its round a questionnaire open today when it has
 * none (straight in D1: the owner's side is not what the callers test).
 */
export async function publicSurveyPath(tenant: string, roundId: string, applicationId: string): Promise<string> {
  const day = 86_400_000;
  const opensAt = new Date(Date.now() - day).toISOString();
  const closesAt = new Date(Date.now() + day).toISOString();
  const questions = [
    {
      id: "q1",
      text: "您对本单位创建工作是否满意",
      itemCode: "S1",
      audience: "staff",
      options: [
        { label: "满意", value: 1 },
        { label: "不满意", value: 0 },
      ],
    },
  ];
  await env.DB.prepare(
    `insert into surveys (round_id, tenant_id, questions, min_answers, opens_on, closes_on, opens_at, closes_at, updated_at)
      select id, tenant_id, ?, 30, ?, ?, ?, ?, ? from rounds where id = ? on conflict (round_id) do nothing`,
  )
    .bind(JSON.stringify(questions), opensAt.slice(0, 10), closesAt.slice(0, 10), opensAt, closesAt, opensAt, roundId)
    .run();
  const key = await env.DB.prepare("select key from signing_keys where purpose = 'survey'").first<{ key: string }>();
  return `/api/public/t/${tenant}/surveys/${applicationId}?k=${await surveyLinkKey(key?.key ?? "", applicationId)}`;
}
