import { readFileSync } from "node:fs";
import { strFromU8, unzipSync } from "fflate";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { browserForSuite, fitsThePhone, PHONE, shot, tenantApi, tenantSession } from "./flow.ts";
import { skip } from "./helpers.ts";

// Print and Word (issue 14): a program, an application with its report and a round's ranking each open as a
// print view from their page's 打印 / 导出 Word entry. On paper (print media) the app's header, navigation and
// buttons are gone and the document is whole; Chromium prints it to a PDF; 导出 Word downloads a .docx holding
// the same text; at phone width the view does not overflow.

const TENANT = "sichuan";
const REVIEW_ROUND = `${TENANT}-round-review`;
/** A page's first load on a machine the whole suite shares can take longer than the default 30 s. */
const PAGE_LOAD = { timeout: 60_000 };
const FLOW_TIMEOUT = 150_000;

/** On paper: no app header, no navigation tabs or menu button, no buttons; the document and `words` are there. */
async function printsClean(page: Page, words: string[]): Promise<void> {
  await page.emulateMedia({ media: "print" });
  await expect.poll(() => page.locator("header.wm-topbar").isVisible()).toBe(false);
  for (const selector of ['[data-testid^="nav-"]', '[data-testid="header-menu"]', ".ant-menu", ".ant-btn"]) {
    const shown = await page.locator(selector).evaluateAll((els) => els.filter((e) => e.checkVisibility()).length);
    expect(shown, `${selector} on paper`).toBe(0);
  }
  const doc = page.getByTestId("print-doc");
  expect(await doc.isVisible()).toBe(true);
  // biome-ignore lint/performance/useDomNodeTextContent: the words as rendered on paper, hidden parts left out
  const onPaper = await doc.innerText();
  for (const word of words) expect(onPaper).toContain(word);
  const pdf = await page.pdf({ format: "A4" });
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  const pages = pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? [];
  expect(pages.length).toBeGreaterThanOrEqual(1);
  await page.emulateMedia({ media: "screen" });
}

/** 导出 Word downloads `<name>.docx` whose document.xml holds `words`. */
async function exportsWord(page: Page, fileName: string, words: string[]): Promise<void> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("print-word").click()]);
  expect(download.suggestedFilename()).toBe(fileName);
  const path = await download.path();
  const bytes = readFileSync(path);
  expect(bytes.length).toBeGreaterThan(0);
  const xml = unzipSync(new Uint8Array(bytes))["word/document.xml"];
  if (!xml) throw new Error("the download holds no word/document.xml");
  const text = [...strFromU8(xml).matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
  for (const word of words) expect(text).toContain(word);
}

/** The same view at phone width fits the screen (a wide table scrolls inside its own box). */
async function fitsAtPhoneWidth(page: Page, where: string): Promise<void> {
  await page.setViewportSize(PHONE);
  await page.reload();
  await page.getByTestId("print-doc").waitFor();
  await fitsThePhone(page, where);
}

describe.skipIf(skip)("print views and Word exports", () => {
  const suite = browserForSuite();

  it(
    "a unit's published program prints without the app around it, with its measures' 责任部室, and exports to Word",
    async () => {
      const s = await tenantSession(suite.browser, TENANT, "unit@sichuan.demo");
      suite.sessions.push(s);
      const api = tenantApi(s.page, TENANT);
      const me = (await (await s.page.request.get("/api/auth/me")).json()) as {
        memberships: { unit: { id: string; name: string } | null }[];
      };
      const unit = me.memberships.find((m) => m.unit)?.unit;
      if (!unit) throw new Error("the demo unit account has no unit");
      const programs = await api.get<{ items: { id: string; publishedVersion: number }[] }>(
        `/units/${unit.id}/programs`,
      );
      const listed = programs.items.find((p) => p.publishedVersion > 0);
      if (!listed) throw new Error("the demo unit has no published program");
      // The print view opens on the latest published version.
      const { content } = await api.get<{
        content: { title: string; sections: { kind: string; items: { departments: string[] }[] }[] };
      }>(`/programs/${listed.id}/versions/${listed.publishedVersion}`);
      const department = content.sections
        .find((x) => x.kind === "measures")
        ?.items.find((i) => i.departments.length > 0)?.departments[0];
      if (!department) throw new Error("the demo program has no measure with a 责任部室");

      await s.page.goto(`/t/${TENANT}/programs/${listed.id}`);
      await s.page.getByTestId("program-print").click(PAGE_LOAD);
      await s.page.waitForURL(`**/programs/${listed.id}/print`);
      await s.page.getByTestId("print-doc").waitFor(PAGE_LOAD);
      const words = [content.title, unit.name, department];
      await printsClean(s.page, words);
      await shot(s.page, "print-program");
      await exportsWord(s.page, `《${unit.name}》创建工作方案.docx`, words);
      await fitsAtPhoneWidth(s.page, "the program's print view");
      expect(s.errors).toEqual([]);
    },
    FLOW_TIMEOUT,
  );

  it(
    "an application prints with every category's self-scores, 说明 and evidence, the self total and the unit's report",
    async () => {
      const s = await tenantSession(suite.browser, TENANT, "admin@sichuan.demo");
      suite.sessions.push(s);
      const api = tenantApi(s.page, TENANT);
      const list = await api.get<{ items: { id: string }[] }>(`/rounds/${REVIEW_ROUND}/applications`);
      let found: { id: string; unit: string; note: string; paragraph: string } | undefined;
      for (const { id } of list.items) {
        const report = await api.get<{ report: { content: { sections: { text: string }[] } } | null }>(
          `/applications/${id}/report`,
        );
        const paragraph = report.report?.content.sections.find((x) => x.text.length > 0)?.text;
        if (!paragraph) continue;
        const app = await api.get<{ unit: { name: string }; items: { note: string }[] }>(`/applications/${id}`);
        const note = app.items.find((i) => i.note.length > 0)?.note;
        if (note) {
          found = { id, unit: app.unit.name, note, paragraph };
          break;
        }
      }
      if (!found) throw new Error("no demo application has both a 说明 and a report");

      await s.page.goto(`/t/${TENANT}/applications/${found.id}`);
      await s.page.getByTestId("application-print").click(PAGE_LOAD);
      await s.page.waitForURL(`**/applications/${found.id}/print`);
      await s.page.getByTestId("print-doc").waitFor(PAGE_LOAD);
      // Long texts wrap across lines in the PDF and the view; their opening words identify them.
      const words = [found.unit, found.note.slice(0, 12), found.paragraph.slice(0, 12), "自评总分"];
      await printsClean(s.page, words);
      await shot(s.page, "print-application");
      await exportsWord(s.page, `《${found.unit}》申报材料.docx`, words);
      await fitsAtPhoneWidth(s.page, "the application's print view");
      expect(s.errors).toEqual([]);
    },
    FLOW_TIMEOUT,
  );

  it(
    "a round's ranking prints every row under the ranking page's filter and exports them to Word",
    async () => {
      const s = await tenantSession(suite.browser, TENANT, "province@sichuan.demo");
      suite.sessions.push(s);
      const api = tenantApi(s.page, TENANT);
      const round = await api.get<{ title: string }>(`/rounds/${REVIEW_ROUND}`);
      const options = await api.get<{ cities: { id: string; name: string }[] }>("/unit-filters");
      const all = await api.get<{ total: number; items: { unitName: string; city: string | null }[] }>(
        `/rounds/${REVIEW_ROUND}/ranking?pageSize=100`,
      );
      const city = options.cities.find((c) => all.items.some((r) => r.city === c.name));
      if (!city) throw new Error("no city in the demo ranking");
      const rows = all.items.filter((r) => r.city === city.name);
      const last = rows.at(-1);
      if (!last) throw new Error("the city has no ranked unit");

      await s.page.goto(`/t/${TENANT}/rounds/${REVIEW_ROUND}/ranking?city=${city.id}`);
      await s.page.getByTestId("ranking-print").click(PAGE_LOAD);
      await s.page.waitForURL(`**/ranking/print?city=${city.id}`);
      await s.page.getByTestId("print-doc").waitFor(PAGE_LOAD);
      // Every row of the filter, not one page of it; the filter is named.
      await expect.poll(() => s.page.locator(".wm-print-table tbody tr").count()).toBe(rows.length);
      const words = [round.title, `市：${city.name}`, `共 ${rows.length} 家`, last.unitName];
      await printsClean(s.page, words);
      await shot(s.page, "print-ranking");
      await exportsWord(s.page, `《${round.title}》排名.docx`, words);
      await fitsAtPhoneWidth(s.page, "the ranking's print view");
      expect(s.errors).toEqual([]);
    },
    FLOW_TIMEOUT,
  );
});
