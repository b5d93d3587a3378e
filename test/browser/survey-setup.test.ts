import { describe, expect, it } from "vitest";
import { DEMO_ROUNDS } from "../../db/seed/scoring.ts";
import { browserForSuite, fitsThePhone, openRoundLike, PHONE_CONTEXT, shot, tenantApi, tenantSession } from "./flow.ts";
import { skip } from "./helpers.ts";

// The round owner's side of the survey at phone width, on a round of its own (the database is shared by every
// browser test file of a run): the admin opens the round's survey page, finds the default questionnaire drawn
// from the criteria system, changes a question and the minimum sample, saves; the unit's link appears below and
// its poster shows the QR code as an image, printable without the app's bar.

const TENANT = "sichuan";
const SUFFIX = Date.now().toString(36);
const FLOW_TIMEOUT = 180_000;
const QUESTION = "您对本单位窗口服务的文明规范是否满意？";

interface SurveyView {
  configured: boolean;
  version: number;
  minAnswers: number;
  questions: Array<{ text: string; itemCode: string }>;
}

describe.skipIf(skip)("setting up a round's questionnaire on a phone", () => {
  const suite = browserForSuite();

  it(
    "the admin edits and saves the default questionnaire, then opens a unit's poster with its QR code",
    async () => {
      const admin = await tenantSession(suite.browser, TENANT, `admin@${TENANT}.demo`, PHONE_CONTEXT);
      const unit = await tenantSession(suite.browser, TENANT, `unit@${TENANT}.demo`);
      suite.sessions.push(admin, unit);
      const adminApi = tenantApi(admin.page, TENANT);
      const { round } = await openRoundLike(adminApi, DEMO_ROUNDS.open(TENANT), `问卷设置测试评选${SUFFIX}`);
      await tenantApi(unit.page, TENANT).send("post", `/rounds/${round.id}/applications`, { channel: "city" }, 201);

      // 1. The default questionnaire: one question per survey-method item, not saved yet.
      const { page } = admin;
      await page.goto(`/t/${TENANT}/rounds/${round.id}/survey`);
      const editor = page.getByTestId("survey-editor");
      await editor.waitFor();
      await editor.getByTestId("survey-default").waitFor();
      const before = await adminApi.get<SurveyView>(`/rounds/${round.id}/survey`);
      expect(before.configured).toBe(false);
      expect(await editor.getByTestId("survey-question").count()).toBe(before.questions.length);
      await fitsThePhone(page, "the survey page");

      // 2. Change the first question and the minimum sample; save once.
      await editor.getByTestId("survey-question-text").first().fill(QUESTION);
      await editor.getByTestId("survey-min-answers").fill("20");
      await editor.getByTestId("survey-save").click();
      await page.getByText("问卷已保存").waitFor();
      const saved = await adminApi.get<SurveyView>(`/rounds/${round.id}/survey`);
      expect(saved).toMatchObject({ configured: true, version: 1, minAnswers: 20 });
      expect(saved.questions[0]?.text).toBe(QUESTION);
      expect(saved.questions.map((q) => q.itemCode)).toEqual(before.questions.map((q) => q.itemCode));
      await shot(page, "survey-setup-saved");

      // 3. The unit's link below the editor; its poster shows the QR code as an image.
      const links = page.getByTestId("survey-links");
      await links.getByText("德阳市科学技术协会").waitFor();
      await fitsThePhone(page, "the survey page with its links");
      // The row's actions are in sight, not behind a sideways scroll of the table.
      const copyBox = await links.getByTestId("survey-copy-link").first().boundingBox();
      expect((copyBox?.x ?? 0) + (copyBox?.width ?? 0)).toBeLessThanOrEqual(390);
      await links.getByTestId("survey-poster-link").first().click();
      await page.waitForURL("**/survey/poster");
      const qr = page.getByTestId("survey-poster-qr");
      await qr.waitFor();
      expect(await qr.getAttribute("src")).toMatch(/^data:image\/svg\+xml/);
      await expect.poll(() => qr.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
      expect(await page.getByTestId("survey-poster-unit").textContent()).toBe("德阳市科学技术协会");
      await page.getByText("匿名填写，不收集个人信息").waitFor();
      await page.getByText(`/s/${TENANT}/`).waitFor();
      await fitsThePhone(page, "the poster");
      await shot(page, "survey-setup-poster");

      // 4. On paper: the poster alone, without the app's bar or the print button.
      await page.emulateMedia({ media: "print" });
      expect(await page.locator(".wm-topbar").isVisible()).toBe(false);
      expect(await page.getByTestId("survey-print").isVisible()).toBe(false);
      expect(await qr.isVisible()).toBe(true);
      await page.emulateMedia({ media: "screen" });

      expect([...admin.errors, ...unit.errors]).toEqual([]);
    },
    FLOW_TIMEOUT,
  );
});
