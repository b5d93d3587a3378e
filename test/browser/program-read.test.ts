import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { browserForSuite, confirmIn, fitsThePhone, PHONE_CONTEXT, tenantSession } from "./flow.ts";
import { skip } from "./helpers.ts";

// The demo unit's published program (db/seed/scoring.ts). The test leaves its draft as it found it: the changes
// it saves are discarded again through the page, since other files of the run read the same program.
const PROGRAM_ID = "sichuan-program-demo";
const PROGRAM = `/t/sichuan/programs/${PROGRAM_ID}`;
const LEAD = `张文明${Date.now().toString(36)}`;
const POLL = { timeout: 15_000 };

async function storedDraft(page: Page): Promise<string> {
  const res = await page.request.get(`/api/t/sichuan/programs/${PROGRAM_ID}`);
  expect(res.status()).toBe(200);
  return JSON.stringify(((await res.json()) as { draft: unknown }).draft);
}

/** The published document, with nothing to type into. */
async function readsAsDocument(page: Page): Promise<void> {
  await page.getByTestId("program-view").waitFor();
  expect(await page.getByTestId("program-editor").count()).toBe(0);
  expect(await page.getByTestId("program-save").count()).toBe(0);
  expect(await page.locator("[data-testid=program-view] :is(input, textarea)").count()).toBe(0);
}

describe.skipIf(skip)("a published program opens as a document to read", () => {
  const suite = browserForSuite();

  it("unit staff read it, 编辑 opens the editor, and a saved but unpublished draft is announced on return", async () => {
    const staff = await tenantSession(suite.browser, "sichuan", "unit@sichuan.demo");
    suite.sessions.push(staff);
    const { page, errors } = staff;
    await page.goto(PROGRAM);
    await page.getByTestId("program-reader").waitFor();
    await readsAsDocument(page);
    expect(await page.getByTestId("published-version").textContent()).toBe("第 1 版");
    expect(await page.getByTestId("program-unpublished").count()).toBe(0);
    expect(await page.getByTestId("measure-table").count()).toBeGreaterThan(0);

    // 编辑 opens the editor on the draft; a measure gets a lead and the draft is saved, not published.
    await page.getByTestId("program-edit").click();
    await page.getByTestId("program-editor").waitFor();
    await page.getByTestId("measure-lead").first().fill(LEAD);
    await page.getByTestId("program-save").click();
    await page.getByText("草稿已保存").waitFor();

    // Away to the list and back: the published version to read, and a notice of the changes not yet published.
    await page.getByTestId("tab-programs").click();
    await page.getByTestId("program-list").locator("a").first().click();
    await page.getByTestId("program-unpublished").waitFor();
    expect(await page.getByTestId("program-unpublished").textContent()).toContain("有未发布的修改");
    await readsAsDocument(page);
    expect(await page.getByTestId("program-view").textContent()).not.toContain(LEAD);
    expect(await page.getByTestId("program-edit").count()).toBe(0);

    // 继续编辑 shows the draft with the change; 结束编辑 goes back to reading.
    await page.getByTestId("program-continue").click();
    await expect.poll(() => page.getByTestId("measure-lead").first().inputValue(), POLL).toBe(LEAD);
    await page.getByTestId("program-done").click();
    await page.getByTestId("program-unpublished").waitFor();

    // Dropping the changes puts the published content back into the draft.
    await page.getByTestId("program-discard-draft").click();
    await confirmIn(page, ".ant-modal-confirm", "放弃修改");
    await page.getByTestId("program-edit").waitFor();
    expect(await page.getByTestId("program-unpublished").count()).toBe(0);
    expect(await storedDraft(page)).not.toContain(LEAD);
    expect(errors).toEqual([]);
  });

  it("a reviewer reads the program without 编辑", async () => {
    const reviewer = await tenantSession(suite.browser, "sichuan", "province@sichuan.demo");
    suite.sessions.push(reviewer);
    const { page, errors } = reviewer;
    await page.goto(PROGRAM);
    await readsAsDocument(page);
    expect(await page.getByTestId("program-edit").count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("at 390 px the document and its measures fit the phone, and so does the editor", async () => {
    const phone = await tenantSession(suite.browser, "sichuan", "unit@sichuan.demo", PHONE_CONTEXT);
    suite.sessions.push(phone);
    const { page, errors } = phone;
    await page.goto(PROGRAM);
    await page.getByTestId("program-reader").waitFor();
    await readsAsDocument(page);
    await fitsThePhone(page, "the program to read");
    await page.getByTestId("program-edit").click();
    await page.getByTestId("program-editor").waitFor();
    await fitsThePhone(page, "the program editor");
    await page.getByTestId("program-done").click();
    await page.getByTestId("program-reader").waitFor();
    expect(errors).toEqual([]);
  });
});
