import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { overflowing, PHONE_CONTEXT } from "./flow.ts";
import { skip } from "./helpers.ts";
import { ROUTES, routeWalk, settle, visit } from "./routes.ts";

/** Screenshots for a person to look at; not compared by the test. */
const SHOTS = "/tmp/phone-routes";

/**
 * Text boxes squeezed to a column one character wide: a table cell, a description's label or content, a list item
 * or a form label whose text (two characters or more) wraps while its box is narrower than two characters of its
 * own font. A one-character status or an icon has fewer than two characters and never counts.
 */
function squeezed(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector = [
      "th",
      "td",
      ".ant-descriptions-item-label",
      ".ant-descriptions-item-content",
      "li",
      ".ant-list-item",
      "label",
      ".ant-form-item-label",
    ].join(",");
    const found: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>(selector)) {
      const text = (element.textContent ?? "").replace(/\s+/g, "");
      if ([...text].length < 2) continue;
      const style = getComputedStyle(element);
      if (style.visibility === "hidden") continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const inner = box.width - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
      const fontSize = Number.parseFloat(style.fontSize);
      if (inner >= 2 * fontSize) continue;
      const range = document.createRange();
      range.selectNodeContents(element);
      const lines = new Set(
        [...range.getClientRects()].filter((rect) => rect.height > 0).map((rect) => Math.round(rect.top)),
      );
      if (lines.size < 2) continue;
      const classes = String(element.className).split(/\s+/).filter(Boolean).slice(0, 2).join(".");
      found.push(
        `${element.tagName.toLowerCase()}${classes ? `.${classes}` : ""} "${text.slice(0, 12)}" ` +
          `${Math.round(inner)} px wide, ${lines.size} lines`,
      );
      if (found.length >= 8) break;
    }
    return found;
  });
}

describe.skipIf(skip)("every route on a 390 px phone", () => {
  const walk = routeWalk(PHONE_CONTEXT);

  beforeAll(() => {
    mkdirSync(SHOTS, { recursive: true });
  });

  it("the squeeze check flags text one character per line, not a one-character status, an icon or a short wrap", async () => {
    const { page } = await walk.sessionOf(null);
    await page.setContent(`
      <table style="width: 300px; font-size: 14px; table-layout: fixed"><tr>
        <td style="width: 20px" id="squeezed">待审核</td>
        <td style="width: 20px">是</td>
        <td style="width: 20px"><svg width="14" height="14"></svg></td>
        <td style="width: 40px">待审核中</td>
        <td>德阳市科学技术协会</td>
      </tr></table>`);
    const found = await squeezed(page);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^td "待审核"/);
  });

  for (const route of ROUTES) {
    it(`${route.name} (${route.role ?? "signed out"}) fits the phone: nothing wider, no column one character wide`, async () => {
      const { page, errors } = await walk.sessionOf(route.role);
      const path = route.path(walk.ids);
      errors.length = 0;
      await visit(page, path);
      if (route.ready) {
        await route.ready(page);
        await settle(page);
      }
      // The whole page for the eye, unless it is so long that the picture alone would take many seconds.
      const tall = await page.evaluate(() => document.documentElement.scrollHeight > 8000);
      await page.screenshot({ path: `${SHOTS}/${route.name.replace(/\W+/g, "-")}.png`, fullPage: !tall });

      const where = `${route.name} ${path}`;
      expect(new URL(page.url()).pathname, `${where} redirected`).toBe(path.split("?")[0]);
      const overflow = await overflowing(page);
      expect(overflow.culprits, `${where} sticks out past 390 px`).toEqual([]);
      expect(overflow.document, `${where} is wider than the phone`).toBeLessThanOrEqual(0);
      expect(await squeezed(page), `${where} squeezes text to one character per line`).toEqual([]);
      expect(errors, `${where} console errors`).toEqual([]);
    });
  }
});
