import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { CRITERIA_SHEET_LIMITS } from "../../worker/domain/criteria-xlsx.ts";
import { XLSX_TYPE } from "../../worker/schemas/criteria.ts";
import { call, failure, ok, statusOf, tenantApi } from "./client.ts";
import { signInAll } from "./fixtures.ts";
import { count } from "./rows.ts";

// The product's own export, edited so the reader would size its work by a row number a sheet does not have: the
// sweep's crafted workbook (12 KB, rows renumbered to 1048576…) ran the import for 32 s and took the runtime down.
// Now it is a 400 in the usual envelope, refused before any sheet is read.

/** The demo tenant's seeded criteria system. */
const DEMO_SYSTEM = "sichuan-criteria-2026";

let admin: string;
beforeAll(async () => {
  ({ sichuanAdmin: admin } = await signInAll("sichuanAdmin"));
});

const demoSystem = () => {
  const route = tenantApi(admin)["criteria-systems"][":id"];
  const param = { tenant: "sichuan", id: DEMO_SYSTEM };
  return { get: () => route.$get({ param }), exportXlsx: () => route["export.xlsx"].$get({ param }) };
};

async function exportedDemo(): Promise<Record<string, Uint8Array>> {
  const response = await demoSystem().exportXlsx();
  expect(response.status).toBe(200);
  return unzipSync(new Uint8Array(await response.arrayBuffer()));
}

/**
 * Every sheet's data rows renumbered to start at `firstDataRow` (rows and the cells in them alike; the header stays
 * in row 1, where the reader looks for it), then zipped again.
 */
function renumbered(parts: Record<string, Uint8Array>, firstDataRow: number): Uint8Array {
  const out = { ...parts };
  for (const [name, data] of Object.entries(parts)) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(name)) continue;
    const xml = strFromU8(data).replace(/<row r="(\d+)"([\s\S]*?)<\/row>/g, (whole, r: string, rest: string) => {
      if (r === "1") return whole;
      const row = firstDataRow + Number(r) - 2;
      return `<row r="${row}"${rest.replace(/(<c r="[A-Z]+)\d+"/g, `$1${row}"`)}</row>`;
    });
    out[name] = strToU8(xml);
  }
  return zipSync(out);
}

/** A raw workbook upload: the typed client sends only JSON bodies, so this is a plain request. */
const importXlsx = (bytes: Uint8Array) =>
  call("/api/t/sichuan/criteria-systems/import.xlsx", {
    body: bytes,
    cookie: admin,
    headers: { "content-type": XLSX_TYPE },
  });

const systemCount = () => count("select count(*) n from criteria_systems");

describe("a criteria workbook whose rows are renumbered past the sheet limits", () => {
  it("is refused with 400 in the error envelope, naming the row in Chinese and English; nothing is created", async () => {
    const crafted = renumbered(await exportedDemo(), 1048576);
    expect(crafted.length).toBeLessThan(64 * 1024);
    const before = await systemCount();

    const body = await failure(importXlsx(crafted), 400);
    expect(body.error.code).toBe("validation_failed");
    const zh = body.error.fields?.[""]?.join("\n") ?? "";
    const en = body.error.fieldsEn?.[""]?.join("\n") ?? zh;
    expect(zh).toContain("表格超出范围：第 1048576 行超过上限");
    expect(en).toContain("the sheet goes past its limits at row 1048576");
    expect(await systemCount()).toBe(before);

    // The runtime is still there for the next request.
    expect(await statusOf(demoSystem().get())).toBe(200);
  });

  it("the same export renumbered to stay within the limits still imports", async () => {
    const parts = await exportedDemo();
    // The items sheet is the longest: a gap after its header so that its last row sits at the limit.
    const itemRows = [...strFromU8(parts["xl/worksheets/sheet1.xml"] ?? new Uint8Array()).matchAll(/<row /g)].length;
    await ok(importXlsx(renumbered(parts, CRITERIA_SHEET_LIMITS.rows - itemRows + 2)), 201);
  });
});
