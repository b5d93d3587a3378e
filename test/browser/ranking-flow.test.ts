import type { Browser, Download, Page } from "playwright-core";
import { readSheet } from "read-excel-file/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ROUNDS } from "../../db/seed/scoring.ts";
import { launchBrowser } from "./browser.ts";
import {
  applyWithEveryItem,
  type CriteriaItemView,
  confirmIn,
  openRoundLike,
  overflowing,
  PHONE,
  shot,
  tenantApi,
  tenantSession,
} from "./flow.ts";
import { openSession, signIn, skip } from "./helpers.ts";

// The reviewer flow of issue 10 on a round of its own (the database is shared by every browser test file of a
// run, and the demo rounds are other tests' fixtures): the demo unit applies; 德阳市's reviewer scores the
// application in the scoring form and recommends it from the ranking; the admin moves the round on, seeing
// first what blocks it; the provincial reviewer scores it, finds it ranked, filters by city and exports the
// ranking, and the workbook read back holds the expected rows. Then the demo round in provincial review
// (≥ 30 scored applications): its whole ranking exports every page.

const TENANT = "sichuan";
const SUFFIX = Date.now().toString(36);
const ROUND_TITLE = `排名流程测试评选${SUFFIX}`;
const UNIT_NAME = "德阳市科学技术协会";
const CITY = "德阳市";
const POLL = { timeout: 20_000 };
/** Two sixty-item forms typed in the browser, sixty items filled through the API, five sign-ins. */
const FLOW_TIMEOUT = 300_000;

/** Scores every base item in the scoring form at its maximum (graded: the top grade), then submits it. */
async function scoreInBrowser(page: Page, items: CriteriaItemView[]): Promise<void> {
  for (const item of items) {
    const field = page.getByTestId(`score-${item.code}`);
    if (item.mode === "graded") {
      const top = [...item.grades].sort((a, b) => b.share - a.share)[0];
      if (!top) throw new Error(`graded item ${item.code} has no grades`);
      await field.getByTestId("score-grade").getByText(top.grade, { exact: true }).click();
    } else {
      await field.getByTestId("score-points").fill(String(item.maxPoints));
    }
  }
  await page.getByTestId("score-submit").click();
  await confirmIn(page, ".ant-modal-confirm", "提交评分");
  try {
    // A whole 60-item form is saved and its result kept in one write: slower than a page on a loaded machine.
    await page.getByTestId("form-submitted").waitFor({ timeout: 45_000 });
  } catch (error) {
    await shot(page, "score-submit-failed");
    throw error;
  }
}

/** The total of a form scored as `scoreInBrowser` does: every points item at its maximum, graded ones at the top. */
function fullMarks(items: CriteriaItemView[]): number {
  const total = items.reduce((sum, i) => {
    const share = i.mode === "graded" ? Math.max(...i.grades.map((g) => g.share)) : 1;
    return sum + share * i.maxPoints;
  }, 0);
  return Math.round(total * 100) / 100;
}

/** Clicks an export button and reads the workbook it downloads back. */
async function exportedRows(page: Page, testId: string): Promise<unknown[][]> {
  const [download] = await Promise.all([
    page.waitForEvent("download", { timeout: 60_000 }) as Promise<Download>,
    page.getByTestId(testId).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const path = await download.path();
  return (await readSheet(path)) as unknown[][];
}

/** The ranking table's own rows (not an opened row's scores table, which nests in it). */
function rankingRows(page: Page) {
  return page.getByTestId("ranking-table").locator(".ant-table-tbody").first().locator(":scope > tr.ant-table-row");
}

async function rankingSettled(page: Page): Promise<void> {
  await rankingRows(page).first().waitFor(POLL);
  await page.locator("[data-testid=ranking-table] .ant-spin-spinning").waitFor({ state: "detached" });
}

describe.skipIf(skip)("the reviewer flow: score, recommend, advance, rank, export", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it(
    "the city reviewer scores and recommends; the provincial reviewer scores, finds it ranked, filters by city and exports",
    async () => {
      // 1. Setup through the API: a round like the demo's open one, with panels of one.
      const admin = await tenantSession(browser, TENANT, `admin@${TENANT}.demo`);
      const adminApi = tenantApi(admin.page, TENANT);
      const { round: created, items } = await openRoundLike(adminApi, DEMO_ROUNDS.open(TENANT), ROUND_TITLE, (s) => ({
        ...s,
        review: { ...s.review, panelSize: 1, aggregation: "mean" },
      }));
      const roundUrl = `/t/${TENANT}/rounds/${created.id}`;
      const people = await adminApi.get<{ items: { userId: string; email: string | null }[] }>(
        "/people?pageSize=100&role=reviewer",
      );
      const userOf = (email: string) => {
        const person = people.items.find((p) => p.email === email);
        if (!person) throw new Error(`no reviewer ${email}`);
        return person.userId;
      };

      // 2. The demo unit applies, fills every item with its evidence and submits (the unit's own journey has
      //    its browser test: round-application.test.ts).
      const unit = await tenantSession(browser, TENANT, `unit@${TENANT}.demo`);
      const unitApi = tenantApi(unit.page, TENANT);
      const { appId, version } = await applyWithEveryItem(unitApi, created.id, items);
      await unitApi.send("post", `/applications/${appId}/submit`, { version });
      expect(unit.errors).toEqual([]);
      await unit.context.close();

      // 3. The admin moves the round into 市级评审 in the browser and seats 德阳市's reviewer on the city panel.
      let page = admin.page;
      await page.goto(roundUrl);
      await page.getByTestId("round-advance").click();
      await confirmIn(page, ".ant-modal", "进入下一阶段");
      await expect.poll(() => page.getByTestId("round-phase").first().textContent(), POLL).toBe("市级评审");
      await adminApi.send("put", `/applications/${appId}/panel`, {
        stage: "city",
        reviewerIds: [userOf(`deyang@${TENANT}.demo`)],
      });

      // Before the city decides, leaving 市级评审 is blocked, and the dialog says why.
      await page.reload();
      await page.getByTestId("round-advance").click();
      const blocker = page.getByTestId("advance-blocker");
      await blocker.waitFor(POLL);
      expect(await blocker.getAttribute("data-code")).toBe("undecided");
      expect(await blocker.textContent()).toContain("1 份已提交的申报尚未作出市级推荐决定");
      await shot(page, "advance-blocked");
      await page
        .locator(".ant-modal:visible")
        .getByRole("button", { name: /取\s*消/ })
        .click();

      // The admin's home says so too.
      await page.goto(`/t/${TENANT}`);
      const adminTodo = page.getByTestId("todo-round").filter({ hasText: ROUND_TITLE });
      expect(await adminTodo.getByTestId("todo-blockers").textContent()).toBe("阻碍进入下一阶段 1 项");

      // 4. 德阳市's reviewer finds what waits on their home: the form to score and the decision to make…
      const city = await tenantSession(browser, TENANT, `deyang@${TENANT}.demo`);
      page = city.page;
      const cityTodo = page.getByTestId("todo-round").filter({ hasText: ROUND_TITLE });
      expect(await cityTodo.getByTestId("todo-score_forms").textContent()).toBe("待评分 1 份");
      expect(await cityTodo.getByTestId("todo-decisions").textContent()).toBe("待作推荐决定 1 份");
      await shot(page, "city-home");
      // …and scores the application in the scoring form.
      await cityTodo.getByTestId("todo-score_forms").click();
      await page.waitForURL(`**/applications/${appId}/review**`);
      await scoreInBrowser(page, items);
      await shot(page, "city-scored");

      // …finds it in the ranking of the city stage (no city filter: their scope is one city) and recommends it.
      await page.goto(roundUrl);
      await page.getByTestId("round-ranking-link").click();
      await page.waitForURL(`**${roundUrl}/ranking**`);
      await rankingSettled(page);
      expect(await page.getByTestId("ranking-filter-city").count()).toBe(0);
      const cityRow = rankingRows(page).filter({ hasText: UNIT_NAME });
      const max = fullMarks(items);
      expect(await cityRow.getByTestId("ranking-aggregate").textContent()).toContain(max.toFixed(2));
      await cityRow.getByTestId("decision-recommend").click();
      await page.getByTestId("decision-quota").waitFor();
      await confirmIn(page, ".ant-modal-confirm", "推荐");
      // A refusal shows its reason in a dialog: the poll reports it instead of waiting out the status.
      const refusal = page.getByTestId("decision-error");
      const statusOrRefusal = async () =>
        (await refusal.count()) > 0
          ? `refused: ${await refusal.textContent()}`
          : cityRow.getByTestId("application-status").textContent();
      await expect.poll(statusOrRefusal, POLL).toBe("市级推荐");
      await shot(page, "city-recommended");
      expect(city.errors).toEqual([]);
      await city.context.close();

      // 5. Nothing blocks now: the admin moves the round into 省级评审 and seats the provincial reviewer.
      page = admin.page;
      await page.goto(roundUrl);
      await page.getByTestId("round-advance").click();
      await page.getByTestId("confirm-reason").waitFor();
      await expect.poll(() => page.getByTestId("advance-blocker").count(), POLL).toBe(0);
      await confirmIn(page, ".ant-modal", "进入下一阶段");
      await expect.poll(() => page.getByTestId("round-phase").first().textContent(), POLL).toBe("省级评审");
      await adminApi.send("put", `/applications/${appId}/panel`, {
        stage: "province",
        reviewerIds: [userOf(`province@${TENANT}.demo`)],
      });
      expect(admin.errors).toEqual([]);
      await admin.context.close();

      // 6. The provincial reviewer scores it, sees it ranked, filters by city and exports the ranking.
      const province = await tenantSession(browser, TENANT, `province@${TENANT}.demo`);
      page = province.page;
      // Blind first pass: until their own form is in, the others' scores stay hidden, in the ranking too.
      await page.goto(`${roundUrl}/ranking`);
      await rankingSettled(page);
      const row = rankingRows(page).filter({ hasText: UNIT_NAME });
      expect(await row.textContent()).toContain("提交本人评分后可见");
      expect(await row.getByTestId("ranking-aggregate").count()).toBe(0);
      await page.goto(`/t/${TENANT}/applications/${appId}/review`);
      await scoreInBrowser(page, items);
      await page.goto(`${roundUrl}/ranking`);
      await rankingSettled(page);
      expect(await row.locator("td").nth(1).textContent()).toBe("1");
      expect(await row.getByTestId("ranking-aggregate").textContent()).toContain(max.toFixed(2));
      // The row opens its scores item by item, a column per reviewer: the city's and the province's.
      await row.locator(".ant-table-row-expand-icon").click();
      const scores = page.getByTestId("reviewer-scores");
      await scores.waitFor(POLL);
      expect(await scores.locator(".ant-table-thead").textContent()).toContain("省级审核员（四川）");
      expect(await scores.locator(".ant-table-thead").textContent()).toContain("德阳市审核员");
      await row.locator(".ant-table-row-expand-icon").click();
      await page.getByTestId("ranking-filter-city").click();
      await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${CITY}"]`).click();
      await page.waitForURL((url) => url.searchParams.has("city"));
      await rankingSettled(page);
      await expect.poll(() => rankingRows(page).count(), POLL).toBe(1);
      await shot(page, "province-ranking");

      const sheet = await exportedRows(page, "ranking-export-xlsx");
      const [header, ...rows] = sheet;
      expect(header?.slice(0, 7)).toEqual(["名次", "市内名次", "名额内名次", "单位", "市", "系统", "总分"]);
      expect(rows).toHaveLength(1);
      expect(rows[0]?.[0]).toBe(1);
      expect(rows[0]?.[3]).toBe(UNIT_NAME);
      expect(rows[0]?.[4]).toBe(CITY);
      expect(rows[0]?.[6]).toBe(max);
      expect(province.errors).toEqual([]);
      await province.context.close();
    },
    FLOW_TIMEOUT,
  );

  it("the demo round's whole ranking exports every page, and a city's rows export alone", async () => {
    const { page, context, errors } = await tenantSession(browser, TENANT, `province@${TENANT}.demo`);
    await page.goto(`/t/${TENANT}/rounds/${DEMO_ROUNDS.review(TENANT)}/ranking`);
    await rankingSettled(page);
    const total = Number((await page.locator(".ant-pagination-total-text").textContent())?.match(/\d+/)?.[0]);
    expect(total).toBeGreaterThanOrEqual(30);
    const [header, ...all] = await exportedRows(page, "ranking-export-xlsx");
    expect(header?.[3]).toBe("单位");
    expect(all).toHaveLength(total);
    // Ranked rows in rank order; the vetoed ones, unranked and saying so, after every ranked row.
    const ranks = all.map((r) => r[0]).filter((r): r is number => typeof r === "number");
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const vetoed = all.flatMap((r, i) => (String(r[11] ?? "").startsWith("一票否决") ? [i] : []));
    expect(vetoed.length).toBeGreaterThan(0);
    const lastRanked = all.findLastIndex((r) => typeof r[0] === "number");
    expect(Math.min(...vetoed)).toBeGreaterThan(lastRanked);

    await page.getByTestId("ranking-filter-city").click();
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${CITY}"]`).click();
    await page.waitForURL((url) => url.searchParams.has("city"));
    await rankingSettled(page);
    const [, ...deyang] = await exportedRows(page, "ranking-export-xlsx");
    expect(deyang.length).toBeGreaterThan(0);
    expect(deyang.length).toBeLessThan(total);
    expect(new Set(deyang.map((r) => r[4]))).toEqual(new Set([CITY]));
    expect(errors).toEqual([]);
    await context.close();
  });

  it("at 390 px the ranking, its statistics and the reviewers' consistency scroll inside their cards", async () => {
    const s = await openSession(browser, { viewport: PHONE, isMobile: true, hasTouch: true });
    const { page, errors } = s;
    await signIn(page, `province@${TENANT}.demo`);
    await page.waitForURL(`**/t/${TENANT}`);
    const rankingUrl = `/t/${TENANT}/rounds/${DEMO_ROUNDS.review(TENANT)}/ranking`;
    await page.goto(rankingUrl);
    await rankingSettled(page);
    await shot(page, "phone-ranking");
    expect(await overflowing(page)).toEqual({ document: 0, culprits: [] });

    // Statistics: per city (a provincial reader) and per sector, the distribution, progress, items losing points.
    await page.goto(`${rankingUrl}?tab=rollups`);
    const cities = page.getByTestId("rollup-groups");
    await cities.locator(".ant-table-tbody tr.ant-table-row").first().waitFor(POLL);
    expect(await cities.locator(".ant-card-head-title").textContent()).toBe("各市对比");
    expect(await cities.locator(".ant-table-tbody").textContent()).toContain(CITY);
    await page.getByTestId("rollup-lost").locator(".ant-table-tbody tr.ant-table-row").first().waitFor(POLL);
    await page.getByTestId("rollup-groups-chart").locator("canvas").waitFor();
    await shot(page, "phone-rollups");
    expect(await overflowing(page)).toEqual({ document: 0, culprits: [] });

    // Reviewer consistency, with the calibrated offsets of a calibrated round (湖北's) or none (四川: trimmed).
    await page.goto(`${rankingUrl}?tab=consistency`);
    const consistency = page.getByTestId("consistency-table");
    await consistency.locator(".ant-table-tbody tr.ant-table-row").first().waitFor(POLL);
    expect(await consistency.locator(".ant-table-tbody tr.ant-table-row").count()).toBeGreaterThanOrEqual(3);
    await shot(page, "phone-consistency");
    expect(await overflowing(page)).toEqual({ document: 0, culprits: [] });
    expect(errors).toEqual([]);
    await s.context.close();
  });
});
