import readXlsxFile from "read-excel-file/universal";
import { describe, expect, it } from "vitest";
import writeXlsxFile, { type Row } from "write-excel-file/universal";
import { demoCriteria } from "../../db/seed/criteria.ts";
import { criteriaProblems } from "../../worker/domain/criteria.ts";
import { criteriaFromXlsx, criteriaToXlsx, METHOD_LABELS } from "../../worker/domain/criteria-xlsx.ts";
import { CriteriaContent, type CriteriaDocument } from "../../worker/schemas/criteria.ts";

const ITEM_HEADER = [
  "类型",
  "项目编码",
  "项目名称",
  "内容编码",
  "测评内容",
  "分值",
  "计分方式",
  "分档",
  "测评方法",
  "评分说明",
  "最少附件数",
  "说明字数上限",
];

/** A small workbook as a person might type it, sheets and columns in any order. */
async function handMade(items: Row[], vetoes: Row[] = [["V1", "发生重大安全生产责任事故", 24, null]]) {
  const blob = await writeXlsxFile([
    {
      sheet: "概况",
      data: [
        ["体系名称", "测试体系"],
        ["版本", 2],
        ["总分", 10],
        ["加分上限", 2],
        ["扣分上限", 3],
      ],
    },
    { sheet: "测评项目", data: [ITEM_HEADER, ...items] },
    { sheet: "一票否决", data: [["编号", "否决情形", "追溯月数", "数量门槛"], ...vetoes] },
  ]).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

const goodRows: Row[] = [
  ["基础", "A1", "组织领导", "A1.1", "成立创建工作领导小组", 5.5, "分值", null, "材料审核", null, 1, 500],
  [
    "基础",
    "A1",
    null,
    "A1.2",
    "办公区域整洁有序",
    4.5,
    "分档",
    "A:1;B:0.66;C:0.33;D:0",
    "实地考察",
    "查看现场",
    2,
    800,
  ],
  ["加分", null, null, "B1", "获得国家级荣誉", 2, "分值", null, "材料审核", null, null, null],
  ["扣分", null, null, "C1", "明察暗访发现问题", 3, null, null, "实地考察", "每处扣1分", null, null],
];

describe.each(["sichuan", "hubei"] as const)("round trip of the %s demo system", (tenant) => {
  it("gives back the same document", async () => {
    const doc = demoCriteria(tenant);
    const bytes = await criteriaToXlsx(doc);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect([...bytes.subarray(0, 2)]).toEqual([0x50, 0x4b]); // "PK": a zip container
    const { doc: back, problems } = await criteriaFromXlsx(bytes);
    expect(problems).toEqual([]);
    const parsed: CriteriaDocument = CriteriaContent.parse(back);
    expect(parsed).toEqual(CriteriaContent.parse(doc));
    expect(criteriaProblems(parsed)).toEqual({});
  });

  it("also reads from an ArrayBuffer", async () => {
    const bytes = await criteriaToXlsx(demoCriteria(tenant));
    const { problems } = await criteriaFromXlsx(toBuffer(bytes));
    expect(problems).toEqual([]);
  });
});

describe("the exported workbook", () => {
  it("has the three sheets with Chinese headers and labels", async () => {
    const doc = demoCriteria("sichuan");
    const sheets = await readXlsxFile(toBuffer(await criteriaToXlsx(doc)));
    expect(sheets.map((s) => s.sheet)).toEqual(["测评项目", "一票否决", "概况"]);
    const [items, vetoes, overview] = sheets.map((s) => s.data);
    expect(items?.[0]).toEqual(ITEM_HEADER);
    expect(items?.[1]?.slice(0, 5)).toEqual(["基础", "A1", "组织领导", "A1.1", doc.categories[0]?.items[0]?.title]);
    const graded = items?.find((row) => row[6] === "分档");
    expect(graded?.[7]).toBe("A:1;B:0.66;C:0.33;D:0");
    expect(items?.some((row) => row[0] === "加分" && row[1] === null)).toBe(true);
    expect(items?.some((row) => row[0] === "扣分")).toBe(true);
    expect(new Set(items?.slice(1).map((row) => row[8]))).toEqual(new Set(Object.values(METHOD_LABELS)));
    expect(vetoes?.[0]).toEqual(["编号", "否决情形", "追溯月数", "数量门槛"]);
    expect(vetoes?.length).toBe(doc.vetoRules.length + 1);
    expect(overview).toContainEqual(["体系名称", "四川省文明单位测评体系（2026年版）"]);
    expect(overview).toContainEqual(["总分", 100]);
    expect(overview).toContainEqual(["加分上限", 10]);
  });
});

describe("importing a hand-made workbook", () => {
  it("reads a valid one, Chinese text and half points included", async () => {
    const { doc, problems } = await criteriaFromXlsx(await handMade(goodRows));
    expect(problems).toEqual([]);
    const parsed = CriteriaContent.parse(doc);
    expect(criteriaProblems(parsed)).toEqual({});
    expect(parsed.name).toBe("测试体系");
    expect(parsed.categories).toHaveLength(1);
    expect(parsed.categories[0]?.title).toBe("组织领导");
    expect(parsed.categories[0]?.items.map((i) => i.maxPoints)).toEqual([5.5, 4.5]);
    expect(parsed.categories[0]?.items[1]).toMatchObject({
      mode: "graded",
      method: "onsite",
      guidance: "查看现场",
      grades: [
        { grade: "A", share: 1 },
        { grade: "B", share: 0.66 },
        { grade: "C", share: 0.33 },
        { grade: "D", share: 0 },
      ],
      evidence: { minFiles: 2, maxNoteChars: 800 },
    });
    expect(parsed.bonusItems[0]).toMatchObject({ code: "B1", evidence: { minFiles: 0, maxNoteChars: 500 } });
    expect(parsed.deductionItems[0]).toMatchObject({ code: "C1", mode: "points", guidance: "每处扣1分" });
    expect(parsed.vetoRules).toEqual([
      { id: "V1", text: "发生重大安全生产责任事故", lookbackMonths: 24, threshold: null },
    ]);
  });

  it("reports a bad method label with its row number", async () => {
    const rows = [...goodRows];
    rows[2] = ["加分", null, null, "B1", "获得国家级荣誉", 2, "分值", null, "现场看看", null, null, null];
    const { problems } = await criteriaFromXlsx(await handMade(rows));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ sheet: "测评项目", row: 4 });
    expect(problems[0]?.message).toMatch(/^第4行：测评方法“现场看看”无法识别/);
    expect(problems[0]?.message).toContain("row 4: unknown method");
  });

  it("reports non-numeric points, unknown modes, bad grades and missing cells per row", async () => {
    const { doc, problems } = await criteriaFromXlsx(
      await handMade(
        [
          [
            "基础",
            "A1",
            "组织领导",
            "A1.1",
            "成立创建工作领导小组",
            "五分",
            "分值",
            null,
            "材料审核",
            null,
            null,
            null,
          ],
          ["基础", "A1", "组织领导", "A1.2", "办公区域整洁", 4.5, "打分", null, "实地考察", null, null, null],
          ["基础", "A1", "组织领导", "A1.3", null, 1, "分档", "A-1", "问卷调查", null, 1.5, null],
          ["基础", null, null, "A1.4", "台账", 1, "分值", null, "网上测评", null, null, null],
          ["Bonus", null, null, "B1", "荣誉", 1, "分值", null, "材料审核", null, null, null],
        ],
        [["V1", null, "两年", 3]],
      ),
    );
    const byRow = (sheet: string, row: number) =>
      problems.filter((p) => p.sheet === sheet && p.row === row).map((p) => p.message);
    expect(byRow("测评项目", 2)).toEqual(["第2行：分值不是数字 / row 2: points is not a number"]);
    expect(byRow("测评项目", 3)[0]).toMatch(/计分方式“打分”无法识别.*unknown scoring mode "打分"/);
    expect(byRow("测评项目", 4).join("\n")).toMatch(/测评内容不能为空/);
    expect(byRow("测评项目", 4).join("\n")).toMatch(/分档“A-1”格式/);
    expect(byRow("测评项目", 4).join("\n")).toMatch(/最少附件数须为整数/);
    expect(byRow("测评项目", 5)).toEqual([
      "第5行：基础项目须填写项目编码 / row 5: category code is required for a base item",
    ]);
    expect(byRow("测评项目", 6)[0]).toMatch(/类型“Bonus”无法识别/);
    expect(byRow("一票否决", 2).join("\n")).toMatch(/否决情形不能为空[\s\S]*追溯月数不是数字/);
    // Bad rows stay out of the document, so the schema then complains about the empty category list.
    expect(CriteriaContent.safeParse(doc).success).toBe(false);
  });

  it("reports missing sheets and columns instead of throwing", async () => {
    const blob = await writeXlsxFile([
      {
        sheet: "测评项目",
        data: [
          ["类型", "内容编码"],
          ["基础", "A1.1"],
        ],
      },
    ]).toBlob();
    const { problems } = await criteriaFromXlsx(await blob.arrayBuffer());
    const messages = problems.map((p) => `${p.sheet}:${p.row}:${p.message}`);
    expect(messages).toContain('一票否决:0:缺少工作表“一票否决” / sheet "一票否决" is missing');
    expect(messages).toContain('概况:0:缺少工作表“概况” / sheet "概况" is missing');
    expect(messages.some((m) => m.startsWith("测评项目:1:第1行：缺少“测评方法”列"))).toBe(true);
  });

  it("accepts codes Excel stored as numbers and points stored as text", async () => {
    const { doc, problems } = await criteriaFromXlsx(
      await handMade([["基础", 1, "组织领导", 1.1, "成立领导小组", "10", "分值", null, "材料审核", null, null, null]]),
    );
    expect(problems).toEqual([]);
    const parsed = CriteriaContent.parse(doc);
    expect(parsed.categories[0]).toMatchObject({ code: "1", items: [{ code: "1.1", maxPoints: 10 }] });
  });
});

describe("importing something that is not a workbook", () => {
  it.each([
    ["garbage bytes", new TextEncoder().encode("这不是一个 Excel 文件 — not a workbook")],
    ["an empty file", new Uint8Array(0)],
    ["a broken zip", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8])],
  ])("gives exactly one problem for %s", async (_label, bytes) => {
    const { doc, problems } = await criteriaFromXlsx(bytes);
    expect(doc).toBeNull();
    expect(problems).toEqual([
      { sheet: "", row: 0, message: "文件不是有效的 XLSX 工作簿 / the file is not a valid XLSX workbook" },
    ]);
  });
});

describe("importing a zip that is not a sound workbook", () => {
  it("gives one problem for a zip without workbook parts", async () => {
    const { doc, problems } = await criteriaFromXlsx(storedZip({ "readme.txt": "不是工作簿" }));
    expect(doc).toBeNull();
    expect(problems).toEqual([
      { sheet: "", row: 0, message: "文件不是有效的 XLSX 工作簿 / the file is not a valid XLSX workbook" },
    ]);
  });

  it("gives one problem for a workbook with broken XML", async () => {
    const { doc, problems } = await criteriaFromXlsx(
      storedZip({ ...minimalWorkbook(SHEET_XML), "xl/workbook.xml": "<workbook><sheets><sheet" }),
    );
    expect(doc).toBeNull();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ sheet: "", row: 0 });
  });

  it("reads a minimal third-party workbook with inline strings and reports what is missing", async () => {
    const { problems } = await criteriaFromXlsx(storedZip(minimalWorkbook(SHEET_XML)));
    const messages = problems.map((p) => p.message).join("\n");
    expect(messages).toContain("缺少工作表“一票否决”");
    expect(messages).toContain("第1行：缺少“测评方法”列");
  });
});

/** One sheet 测评项目 with inline strings, as other tools (not Excel) often write it. */
const SHEET_XML =
  '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
  '<row r="1"><c r="A1" t="inlineStr"><is><t>类型</t></is></c></row>' +
  '<row r="2"><c r="A2" t="inlineStr"><is><t>基础</t></is></c></row></sheetData></worksheet>';

function minimalWorkbook(sheetXml: string): Record<string, string> {
  const rels = "http://schemas.openxmlformats.org/package/2006/relationships";
  const docRels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  return {
    "[Content_Types].xml":
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>',
    "_rels/.rels": `<?xml version="1.0"?><Relationships xmlns="${rels}"><Relationship Id="rId1" Type="${docRels}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${docRels}"><sheets><sheet name="测评项目" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `<?xml version="1.0"?><Relationships xmlns="${rels}"><Relationship Id="rId1" Type="${docRels}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    "xl/worksheets/sheet1.xml": sheetXml,
  };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip with uncompressed ("stored") entries, so tests can build odd archives without a zip library. */
function storedZip(files: Record<string, string>): Uint8Array {
  const encoder = new TextEncoder();
  const local: number[] = [];
  const central: number[] = [];
  const u16 = (out: number[], v: number) => out.push(v & 0xff, (v >>> 8) & 0xff);
  const u32 = (out: number[], v: number) => out.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
  const entries = Object.entries(files);
  for (const [name, text] of entries) {
    const nameBytes = encoder.encode(name);
    const data = encoder.encode(text);
    const crc = crc32(data);
    const offset = local.length;
    // Local header: signature, version 2.0, flags, method 0 (stored), time, date, crc, sizes, name length, extra.
    u32(local, 0x04034b50);
    for (const v of [20, 0, 0, 0, 0]) u16(local, v);
    for (const v of [crc, data.length, data.length]) u32(local, v);
    for (const v of [nameBytes.length, 0]) u16(local, v);
    local.push(...nameBytes, ...data);
    // Central directory entry pointing back at the local header.
    u32(central, 0x02014b50);
    for (const v of [20, 20, 0, 0, 0, 0]) u16(central, v);
    for (const v of [crc, data.length, data.length]) u32(central, v);
    for (const v of [nameBytes.length, 0, 0, 0, 0]) u16(central, v);
    for (const v of [0, offset]) u32(central, v);
    central.push(...nameBytes);
  }
  const end: number[] = [];
  u32(end, 0x06054b50);
  for (const v of [0, 0, entries.length, entries.length]) u16(end, v);
  for (const v of [central.length, local.length]) u32(end, v);
  u16(end, 0);
  return new Uint8Array([...local, ...central, ...end]);
}

function toBuffer(bytes: Uint8Array): ArrayBuffer {
  return new Uint8Array(bytes).buffer;
}
