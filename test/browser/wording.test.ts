import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { skip } from "./helpers.ts";
import { ROUTES, routeWalk, settle, visit } from "./routes.ts";

/**
 * Latin words the Chinese UI may show: names of things that have no Chinese name people use instead.
 * - File formats, as Windows and WeChat's file picker name them: Excel, Word, PDF, PNG, JPEG, WebP, CSV, and the
 *   extensions .xlsx, .docx, .csv people see on their files.
 * - Size units: KB, MB (as in 不超过 5 MB).
 * - IP, as in IP 地址 (WeChat itself shows IP属地).
 * - Keys named as printed on the keyboard in the scoring form's hint: Tab, Delete.
 * - English: the language switch names the other language in that language, as every bilingual site does.
 * - Browsers and systems, as the account page names the devices signed in (Chrome · Windows): product names.
 */
const ALLOWED = new Set(
  [
    "Excel",
    "Word",
    "PDF",
    "PNG",
    "JPEG",
    "WebP",
    "CSV",
    "xlsx",
    "docx",
    "KB",
    "MB",
    "IP",
    "Tab",
    "Delete",
    "English",
    "Chrome",
    "Edge",
    "Firefox",
    "Safari",
    "Windows",
    "Android",
    "iOS",
    "macOS",
    "Linux",
  ].map((word) => word.toLowerCase()),
);

/**
 * Data, not wording: what people typed or the system issued, shown as it is. Email addresses, web addresses,
 * objection reference numbers (YY-7KQ2M9XD4P), the demo offices' web names (sichuan, hubei, which the
 * platform page lists and the URL hint's example uses) and tags of letters and digits in test data.
 */
const DATA = [
  /\S+@\S+/g,
  /https?:\/\/\S+/g,
  /\b[A-Z]{2}-[0-9A-Z]{10}\b/g,
  /\b(?:sichuan|hubei)\b/g,
  // Names the other browser tests gave what they made (rounds, offices, units) end in a machine-made tag of
  // letters mixed with digits (Date.now() in base 36): data on a shared server, not wording.
  /\b(?=[a-z0-9-]*\d)(?=[a-z0-9-]*[a-z])[a-z0-9-]{5,}\b/gi,
];

const LATIN_WORD = /[A-Za-z]{2,}/g;

/** The Latin words of some text that neither the allow-list nor the data patterns account for. */
function latinWords(text: string): string[] {
  const stripped = DATA.reduce((rest, pattern) => rest.replace(pattern, " "), text);
  const words = (stripped.match(LATIN_WORD) ?? []).filter((word) => !ALLOWED.has(word.toLowerCase()));
  return [...new Set(words)];
}

/**
 * What a person sees on the page: its rendered text, and the visible elements' tooltips, placeholders and
 * accessible names. antd's icons carry their icon's name (aria-label="search") as a hook for its styles, not
 * as words: they are left out.
 */
function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    // biome-ignore lint/performance/useDomNodeTextContent: what is rendered counts, not text hidden by CSS
    const parts = [document.body.innerText];
    for (const element of document.querySelectorAll<HTMLElement>("[title], [placeholder], [aria-label]")) {
      if (element.closest(".anticon")) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || getComputedStyle(element).visibility === "hidden") continue;
      for (const name of ["title", "placeholder", "aria-label"]) {
        const value = element.getAttribute(name);
        if (value) parts.push(value);
      }
    }
    return parts.join("\n");
  });
}

describe("the Latin-word filter", () => {
  it("keeps English words and codes, lets file formats, units, emails, web addresses and references through", () => {
    expect(latinWords("租户管理员 tenant_admin 导出 JSON，所属 education 行业")).toEqual([
      "tenant",
      "admin",
      "JSON",
      "education",
    ]);
    expect(
      latinWords("上传 Excel（.xlsx）或 PDF，不超过 5 MB；联系 admin@sichuan.demo 或 https://example.cn/a"),
    ).toEqual([]);
    expect(latinWords("受理编号 YY-7KQ2M9XD4P")).toEqual([]);
    expect(latinWords("长表单测试评选mi7k2x9a，浙江mi7k2x9b市文明办")).toEqual([]);
    expect(latinWords("导出 JSON 3 份")).toEqual(["JSON"]);
  });

  it("no Chinese wording carries an English word or a code (interpolated values aside)", () => {
    const found: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (typeof node === "string") {
        const words = latinWords(node.replace(/\{\{[^}]*\}\}/g, " ").replace(/<[^>]*>/g, " "));
        if (words.length > 0) found.push(`${path}: ${words.join(", ")}`);
      } else if (node && typeof node === "object") {
        for (const [key, value] of Object.entries(node)) walk(value, path ? `${path}.${key}` : key);
      }
    };
    walk(JSON.parse(readFileSync("web/src/i18n/zh-CN.json", "utf8")), "");
    expect(found).toEqual([]);
  });
});

describe.skipIf(skip)("the Chinese UI speaks Chinese on every route", () => {
  const walk = routeWalk({ locale: "zh-CN" });

  for (const route of ROUTES) {
    it(`${route.name} (${route.role ?? "signed out"}) shows no English word or code`, async () => {
      const { page } = await walk.sessionOf(route.role);
      const path = route.path(walk.ids);
      await visit(page, path);
      await settle(page);
      if (route.ready) {
        await route.ready(page);
        await settle(page);
      }
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("zh-CN");
      expect(latinWords(await visibleText(page)), `${route.name} ${path} shows Latin words`).toEqual([]);
    }, 180_000);
  }
});
