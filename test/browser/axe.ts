// axe-core on a page under its real CSP: the pages allow only same-origin scripts (script-src 'self'), which refuse
// the inline script addScriptTag({ path }) would inject, so axe is served from the page's own origin instead.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const AXE_URL = "/__axe-under-test.js";

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical findings on the page as it stands. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.route(`**${AXE_URL}`, (route) =>
    route.fulfill({ status: 200, contentType: "text/javascript", body: AXE_SOURCE }),
  );
  await page.addScriptTag({ url: AXE_URL });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: () => Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}
