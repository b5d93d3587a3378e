import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO_ROUNDS } from "../../db/seed/scoring.ts";
import { DEMO_SURVEY_EDGE } from "../../db/seed/survey.ts";
import { browserForSuite, fitsThePhone, PHONE_CONTEXT, shot, tenantApi, tenantSession } from "./flow.ts";
import { openSession, skip } from "./helpers.ts";

// The questionnaire of issue 13 end to end, on a phone: the demo round in provincial review carries survey answers
// for every application, and one unit (DEMO_SURVEY_EDGE) is one respondent short of the minimum on every item, so
// it has no survey points yet. The admin takes its survey link; a respondent opens it on a phone without signing
// in, answers as one of the people the unit serves and sees the thank-you; the provincial reviewer then finds the
// unit's count one higher on the results page and its survey points (问卷/互评) in the ranking.

const TENANT = "sichuan";
const ROUND = DEMO_ROUNDS.review(TENANT);
const EDGE = DEMO_SURVEY_EDGE(TENANT);
const POLL = { timeout: 20_000 };
/** The public form refuses answers sent faster than 2 s a question (5 s at least) as too fast: read, then answer. */
const READING_MS = 10_000;

interface SurveyLinkList {
  items: { applicationId: string; unitName: string; path: string; counted: number }[];
}
interface RankingPage {
  items: { applicationId: string; unitName: string; extraPoints: number; aggregate: number | null }[];
}
interface SurveyResults {
  minAnswers: number;
  rows: { applicationId: string; unitName: string; counted: number; points: number }[];
}

/** Turns a paged table's pages until a row holding `text` shows, and returns that row. */
async function rowOnSomePage(page: Page, table: Locator, text: string): Promise<Locator> {
  const row = table.locator("tr.ant-table-row", { hasText: text }).first();
  for (let turns = 0; turns < 10; turns++) {
    await table.locator(".ant-table-tbody tr.ant-table-row").first().waitFor(POLL);
    await page.locator(".ant-spin-spinning").waitFor({ state: "detached", ...POLL });
    if (await row.isVisible()) return row;
    const next = page.locator(".ant-pagination-next:not(.ant-pagination-disabled)").first();
    if ((await next.count()) === 0) break;
    await next.click();
  }
  throw new Error(`no row with ${text}`);
}

describe.skipIf(skip)("the survey flow on a phone: answer a unit's questionnaire, the reviewer sees it count", () => {
  const suite = browserForSuite();

  it("a respondent answers by the unit's link without signing in; the reviewer sees its count rise and its survey points in the ranking", async () => {
    // 1. The admin takes the unit's survey link and notes where it stands: one respondent short, no points.
    const admin = await tenantSession(suite.browser, TENANT, `admin@${TENANT}.demo`, PHONE_CONTEXT);
    const adminApi = tenantApi(admin.page, TENANT);
    const links = await adminApi.get<SurveyLinkList>(`/rounds/${ROUND}/survey/links?pageSize=100`);
    const link = links.items.find((l) => l.applicationId === EDGE);
    if (!link) throw new Error(`no survey link for ${EDGE}`);
    expect(link.path).toMatch(new RegExp(`^/s/${TENANT}/${EDGE}\\?k=`));
    const rankedBefore = (await adminApi.get<RankingPage>(`/rounds/${ROUND}/ranking?pageSize=100`)).items.find(
      (r) => r.applicationId === EDGE,
    );
    expect(rankedBefore?.extraPoints).toBe(0);
    const results = await adminApi.get<SurveyResults>(`/rounds/${ROUND}/survey/results?pageSize=100`);
    const before = results.rows.find((r) => r.applicationId === EDGE);
    expect(before).toMatchObject({ counted: link.counted, points: 0 });
    const counted = before?.counted ?? 0;
    expect(admin.errors).toEqual([]);
    await admin.context.close();

    // 2. A respondent scans the poster: a fresh phone, no account. They answer as one the unit serves.
    const phone = await openSession(suite.browser, PHONE_CONTEXT);
    await phone.page.goto(link.path);
    await phone.page.getByRole("heading", { level: 1 }).filter({ hasText: link.unitName }).waitFor(POLL);
    const opened = Date.now();
    await phone.page.getByRole("radio", { name: "服务对象" }).check();
    const questions = phone.page.getByTestId("survey-question");
    await questions.first().waitFor(POLL);
    const count = await questions.count();
    expect(count).toBeGreaterThanOrEqual(1);
    for (let i = 0; i < count; i++) await questions.nth(i).getByRole("radio", { name: "满意", exact: true }).check();
    await fitsThePhone(phone.page, "the questionnaire");
    await shot(phone.page, "survey-flow-answered");
    await phone.page.waitForTimeout(Math.max(0, READING_MS - (Date.now() - opened)));
    await phone.page.getByTestId("survey-submit").click();
    await phone.page.getByText("感谢您的参与").waitFor(POLL);
    await fitsThePhone(phone.page, "the thank-you");
    expect(phone.errors).toEqual([]);
    await phone.context.close();

    // 3. The provincial reviewer, on their phone, sees the unit's count one higher on the results page…
    const reviewer = await tenantSession(suite.browser, TENANT, `province@${TENANT}.demo`, PHONE_CONTEXT);
    const reviewerApi = tenantApi(reviewer.page, TENANT);
    const after = (await reviewerApi.get<SurveyResults>(`/rounds/${ROUND}/survey/results?pageSize=100`)).rows.find(
      (r) => r.applicationId === EDGE,
    );
    expect(after?.counted).toBe(counted + 1);
    expect(after?.points).toBeGreaterThan(0);
    await reviewer.page.goto(`/t/${TENANT}/rounds/${ROUND}/survey/results`);
    const resultsTable = reviewer.page.getByTestId("survey-results-table");
    const resultsRow = await rowOnSomePage(reviewer.page, resultsTable, link.unitName);
    expect(await resultsRow.getByTestId("survey-result-counted").textContent()).toBe(String(counted + 1));
    await fitsThePhone(reviewer.page, "the survey results");
    await shot(reviewer.page, "survey-flow-results");

    // …and the unit's survey points in the ranking, labelled as the questionnaire's and peers' points.
    const rankedAfter = (await reviewerApi.get<RankingPage>(`/rounds/${ROUND}/ranking?pageSize=100`)).items.find(
      (r) => r.applicationId === EDGE,
    );
    expect(rankedAfter?.extraPoints).toBe(after?.points);
    expect(rankedAfter?.aggregate).toBeCloseTo((rankedBefore?.aggregate ?? 0) + (after?.points ?? 0), 2);
    await reviewer.page.goto(`/t/${TENANT}/rounds/${ROUND}/ranking`);
    const rankingRow = await rowOnSomePage(reviewer.page, reviewer.page.getByTestId("ranking-table"), link.unitName);
    const aggregate = await rankingRow.getByTestId("ranking-aggregate").textContent();
    expect(aggregate ?? "").toContain("问卷/互评");
    expect(aggregate ?? "").toContain(String(after?.points));
    await shot(reviewer.page, "survey-flow-ranking");
    expect(reviewer.errors).toEqual([]);
    await reviewer.context.close();
  }, 180_000);
});
