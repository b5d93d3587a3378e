import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export interface FirstLoad {
  files: string[];
  gzipBytes: number;
}

/** Module paths a chunk imports statically (`import … from "./x.js"` or `import "./x.js"`), not `import()`. */
function staticImports(code: string): string[] {
  const found = new Set<string>();
  for (const match of code.matchAll(/(?:\bfrom\s*|\bimport\s*)["'](\.\/[^"']+\.js)["']/g)) {
    if (match[1]) found.add(match[1]);
  }
  return [...found];
}

/**
 * The JavaScript a browser must fetch before the public page runs: the entry script of index.html (or of
 * another page, e.g. survey.html) and everything it imports statically, gzip-measured file by file (as a CDN
 * would serve them).
 */
export function firstLoadJs(distDir: string, page = "index.html"): FirstLoad {
  const html = readFileSync(join(distDir, page), "utf8");
  const entry = /<script[^>]+src="\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
  if (!entry) throw new Error(`no entry script in ${page}`);
  const seen = new Set<string>();
  const queue = [entry];
  let gzipBytes = 0;
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(distDir, file));
    gzipBytes += gzipSync(code, { level: 9 }).length;
    for (const spec of staticImports(code.toString("utf8"))) queue.push(join("assets", spec.slice(2)));
  }
  return { files: [...seen].sort(), gzipBytes };
}
