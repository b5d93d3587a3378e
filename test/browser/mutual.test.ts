import { describe, expect, it } from "vitest";
import {
  browserForSuite,
  confirmIn,
  fitsThePhone,
  PHONE_CONTEXT,
  type RoundView,
  shot,
  tenantApi,
  tenantSession,
} from "./flow.ts";
import { skip } from "./helpers.ts";

// 互评 at phone width on a round of its own (the database is shared by every browser test file of a run): a 市级
// re-check round set up through the API, whose opening enrols the current 市级 holders (eight of them in 德阳,
// the demo unit among them). The admin picks two items, two peers per unit from the same city, saves and assigns;
// the demo unit opens its form from the home's to-do, scores its peers, saves a draft and submits; the admin's
// progress counts the submitted scores.

const TENANT = "sichuan";
const SUFFIX = Date.now().toString(36);
const POLL = { timeout: 20_000 };
const FLOW_TIMEOUT = 240_000;

interface Settings {
  version: number;
  baseItems: { code: string; maxPoints: number; survey: boolean }[];
}

describe.skipIf(skip)("mutual assessment on a phone", () => {
  const suite = browserForSuite();

  it(
    "the admin sets it up and assigns peers; the unit scores them from its to-do and submits",
    async () => {
      // 1. Setup through the API: a 市级 re-check round, opened (which enrols the current holders).
      const admin = await tenantSession(suite.browser, TENANT, `admin@${TENANT}.demo`, PHONE_CONTEXT);
      suite.sessions.push(admin);
      const api = tenantApi(admin.page, TENANT);
      const title = `互评测试评选${SUFFIX}`;
      const created = await api.send<RoundView>(
        "post",
        "/rounds",
        { title, level: "city", kind: "recheck", year: 2026, criteriaSystemId: `${TENANT}-criteria-2026` },
        201,
      );
      const round = await api.send<RoundView>("post", `/rounds/${created.id}/advance`, { version: created.version });
      const before = await api.get<Settings>(`/rounds/${round.id}/mutual`);
      const items = before.baseItems.filter((i) => !i.survey).slice(0, 2);
      expect(items).toHaveLength(2);

      // 2. The admin, on the phone: the round's 互评 page from the round page; two items, two peers, by city.
      const page = admin.page;
      await page.goto(`/t/${TENANT}/rounds/${round.id}`);
      await page.getByTestId("round-mutual-link").click();
      await page.waitForURL(`**/rounds/${round.id}/mutual`);
      await page.getByTestId("mutual-settings").waitFor(POLL);
      for (const item of items) await page.getByTestId(`mutual-item-${item.code}`).click();
      await page.getByTestId("mutual-peers").fill("2");
      await page.getByText("按城市", { exact: true }).click();
      await page.getByTestId("mutual-save").click();
      await page.getByTestId("mutual-assign").waitFor(POLL);
      await page.getByTestId("mutual-assign").click();
      await confirmIn(page, ".ant-modal-confirm", "分配互评单位");
      await page.getByTestId("mutual-assigned").filter({ hasText: "已分配" }).waitFor(POLL);
      const rows = page.getByTestId("mutual-progress").locator(".ant-table-tbody tr.ant-table-row");
      await rows.first().waitFor(POLL);
      expect(await rows.count()).toBeGreaterThan(2);
      expect(await page.getByTestId("mutual-progress").textContent()).toContain("互评结束后显示评分单位");
      await shot(page, "mutual-admin");
      await fitsThePhone(page, "mutual-admin");

      // 3. The demo unit: its home's to-do leads to its form; one card per peer, two items each.
      const unit = await tenantSession(suite.browser, TENANT, `unit@${TENANT}.demo`, PHONE_CONTEXT);
      suite.sessions.push(unit);
      const staff = unit.page;
      const todo = staff.getByTestId("todo-round").filter({ hasText: title });
      await todo.getByTestId("todo-mutual_pending").waitFor(POLL);
      expect(await todo.getByTestId("todo-mutual_pending").textContent()).toContain("还有 2 家单位待评分");
      await todo.getByTestId("todo-mutual_pending").click();
      await staff.waitForURL("**/mutual");
      const peers = staff.getByTestId("mutual-peer");
      await peers.first().waitFor(POLL);
      expect(await peers.count()).toBe(2);
      await fitsThePhone(staff, "mutual-form");

      // 4. A draft for the first peer, then every score and a confirmed submit: the form turns read-only.
      const fill = async (peer: number) => {
        for (const input of await peers.nth(peer).locator("input").all()) await input.fill("1");
      };
      await fill(0);
      await staff.getByTestId("mutual-save-draft").click();
      await staff.getByText("草稿已保存").waitFor(POLL);
      expect(await staff.getByTestId("mutual-submit").isDisabled()).toBe(true);
      await fill(1);
      await staff.getByTestId("mutual-submit").click();
      await confirmIn(staff, ".ant-modal-confirm", "提交");
      await staff.getByTestId("mutual-form-notice").filter({ hasText: "已提交" }).waitFor(POLL);
      expect(await staff.getByTestId("mutual-submit").count()).toBe(0);
      await shot(staff, "mutual-form");
      await fitsThePhone(staff, "mutual-form-submitted");

      // 5. The peers' points, as the admin's progress reads them: each of the two has one submitted form.
      const progress = await api.get<{ rows: { scored: number; points: number }[] }>(
        `/rounds/${round.id}/mutual/progress`,
      );
      expect(progress.rows.filter((r) => r.scored === 1 && r.points === 2)).toHaveLength(2);
    },
    FLOW_TIMEOUT,
  );
});
