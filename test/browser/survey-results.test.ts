import { describe, expect, it } from "vitest";
import { DEMO_ROUNDS } from "../../db/seed/scoring.ts";
import { browserForSuite, fitsThePhone, PHONE_CONTEXT, shot, tenantSession } from "./flow.ts";
import { skip } from "./helpers.ts";

// The survey's results at phone width, read only (the demo review round is other tests' fixture too): the
// province's reviewer opens the demo round's results (有效问卷, per item rate and points, 异常 on the demo's one
// burst) and the bursting application's survey page (items, answers per hour, the burst as 网络 1).

const TENANT = "sichuan";
const POLL = { timeout: 20_000 };

describe.skipIf(skip)("survey results on a phone", () => {
  const suite = browserForSuite();

  it("a reviewer reads the round's results and one application's survey, nothing wider than the phone", async () => {
    const reviewer = await tenantSession(suite.browser, TENANT, `province@${TENANT}.demo`, PHONE_CONTEXT);
    suite.sessions.push(reviewer);
    const page = reviewer.page;
    await page.goto(`/t/${TENANT}/rounds/${DEMO_ROUNDS.review(TENANT)}/survey/results`);
    const table = page.getByTestId("survey-results-table");
    await table.getByTestId("survey-result-unit").first().waitFor(POLL);
    expect(await page.getByTestId("survey-results-rule").textContent()).toContain("最低样本");
    expect(await table.getByTestId("survey-result-unit").count()).toBeGreaterThan(10);
    // The demo seeds a few applications short of the minimum and one burst from one network.
    expect(await table.getByTestId("survey-below-minimum").count()).toBeGreaterThan(0);
    await expect.poll(() => table.getByTestId("survey-burst-tag").count()).toBe(1);
    await shot(page, "survey-results");
    await fitsThePhone(page, "the survey results");

    const bursting = table.locator("tr", { has: page.getByTestId("survey-burst-tag") });
    await bursting.getByTestId("survey-result-unit").click();
    await page.waitForURL("**/applications/*/survey");
    await page.getByTestId("application-survey-counted").waitFor(POLL);
    expect(await page.locator("[data-testid^=survey-item-points-]").count()).toBeGreaterThan(0);
    await page.getByTestId("survey-timeline").waitFor(POLL);
    const burst = page.getByTestId("survey-burst");
    await burst.first().waitFor(POLL);
    expect(await burst.first().textContent()).toContain("网络 1");
    await shot(page, "application-survey");
    await fitsThePhone(page, "the application's survey");
  });
});
