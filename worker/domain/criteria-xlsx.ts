// XLSX export and import of a criteria system (测评体系), so offices can edit a system in Excel/WPS.
//
// The zip step must stay synchronous: fflate's asynchronous zip()/unzip(), which the libraries' "universal"
// builds call, hand any part over 160,000 bytes (zip) or 512 KiB (unzip) to a Web Worker, and workerd has
// none ("Worker is not defined"). So export uses write-excel-file's Node build, whose zip step is fflate's
// synchronous streaming ZipDeflate (node:stream and Buffer come with nodejs_compat), and import unzips with
// fflate's unzipSync before read-excel-file sees the parts (see unpackWorkbook). The same code runs in Node.
//
// Import is deliberately lenient in shape and strict in content: columns are found by their header text
// (so reordering or adding columns is fine), every bad cell becomes a row-numbered problem instead of a
// throw, and the result is a plain object for CriteriaContent.safeParse + criteriaProblems to judge.
import { zipSync } from "fflate";
import readXlsxFile, { InvalidInputError, InvalidSpreadsheetError } from "read-excel-file/universal";
import writeXlsxFile, { type Cell, type Row, type Sheet } from "write-excel-file/node";
import type { CriteriaDocument, CriteriaItemShape } from "../schemas/criteria.ts";
import { CRITERIA_LIMITS } from "./criteria-limits.ts";
import { checkWorkbook, outOfBoundsText, type SheetLimits } from "./sheet-limits.ts";

type Method = CriteriaItemShape["method"];
type Mode = CriteriaItemShape["mode"];
type Kind = "base" | "bonus" | "deduction";

// ---- The one place where spreadsheet labels meet schema codes -------------------------------------

export const METHOD_LABELS: Readonly<Record<Method, string>> = {
  material: "材料审核",
  onsite: "实地考察",
  survey: "问卷调查",
  online: "网上测评",
};

export const MODE_LABELS: Readonly<Record<Mode, string>> = { points: "分值", graded: "分档" };

export const KIND_LABELS: Readonly<Record<Kind, string>> = { base: "基础", bonus: "加分", deduction: "扣分" };

export const SHEETS = { items: "测评项目", vetoes: "一票否决", overview: "概况" } as const;

const ITEM_COLUMNS = {
  kind: "类型",
  categoryCode: "项目编码",
  categoryTitle: "项目名称",
  code: "内容编码",
  title: "测评内容",
  points: "分值",
  mode: "计分方式",
  grades: "分档",
  method: "测评方法",
  guidance: "评分说明",
  minFiles: "最少附件数",
  maxNoteChars: "说明字数上限",
} as const;

const VETO_COLUMNS = { id: "编号", text: "否决情形", lookbackMonths: "追溯月数", threshold: "数量门槛" } as const;

/** 概况 is a two-column label/value sheet: easier to read than one very wide row. */
const OVERVIEW_LABELS = {
  name: "体系名称",
  version: "版本",
  maxTotal: "总分",
  bonusCap: "加分上限",
  deductionCap: "扣分上限",
} as const;
const OVERVIEW_HEADER = ["项目", "内容"] as const;

/** Schema defaults, applied when a hand-edited sheet leaves the cell empty. */
const DEFAULT_MAX_NOTE_CHARS = 500;
const DEFAULT_LOOKBACK_MONTHS = 24;

const inverse = <K extends string>(labels: Readonly<Record<K, string>>): ReadonlyMap<string, K> =>
  new Map((Object.entries(labels) as [K, string][]).map(([code, label]) => [label, code]));

const METHOD_BY_LABEL = inverse(METHOD_LABELS);
const MODE_BY_LABEL = inverse(MODE_LABELS);
const KIND_BY_LABEL = inverse(KIND_LABELS);

// ---- Export ---------------------------------------------------------------------------------------

const header = (titles: readonly string[]): Row => titles.map((value) => ({ value, fontWeight: "bold" }));

/** Empty strings become empty cells, so a re-import sees "no value" rather than "". */
const text = (value: string): Cell => (value === "" ? null : value);

/** "A:1;B:0.66;C:0.33;D:0" — short enough to edit in one cell. */
const formatGrades = (grades: CriteriaItemShape["grades"]) => grades.map((g) => `${g.grade}:${g.share}`).join(";");

function itemRow(kind: Kind, item: CriteriaItemShape, category?: { code: string; title: string }): Row {
  return [
    KIND_LABELS[kind],
    category?.code ?? null,
    category?.title ?? null,
    item.code,
    item.title,
    item.maxPoints,
    MODE_LABELS[item.mode],
    item.mode === "graded" ? text(formatGrades(item.grades)) : null,
    METHOD_LABELS[item.method],
    text(item.guidance),
    item.evidence.minFiles,
    item.evidence.maxNoteChars,
  ];
}

/** The workbook for a criteria system: 测评项目, 一票否决, 概况 (ArrayBuffer-backed, so Hono's c.body takes it). */
export async function criteriaToXlsx(doc: CriteriaDocument): Promise<Uint8Array<ArrayBuffer>> {
  const items: Row[] = [
    header(Object.values(ITEM_COLUMNS)),
    ...doc.categories.flatMap((category) => category.items.map((item) => itemRow("base", item, category))),
    ...doc.bonusItems.map((item) => itemRow("bonus", item)),
    ...doc.deductionItems.map((item) => itemRow("deduction", item)),
  ];
  const vetoes: Row[] = [
    header(Object.values(VETO_COLUMNS)),
    ...doc.vetoRules.map((rule) => [rule.id, rule.text, rule.lookbackMonths, rule.threshold]),
  ];
  const overview: Row[] = [
    header(OVERVIEW_HEADER),
    [OVERVIEW_LABELS.name, doc.name],
    [OVERVIEW_LABELS.version, doc.version],
    [OVERVIEW_LABELS.maxTotal, doc.maxTotal],
    [OVERVIEW_LABELS.bonusCap, doc.bonusCap],
    [OVERVIEW_LABELS.deductionCap, doc.deductionCap],
  ];
  const sheets: Sheet<Buffer>[] = [
    {
      sheet: SHEETS.items,
      data: items,
      stickyRowsCount: 1,
      columns: [6, 8, 16, 8, 60, 6, 8, 22, 10, 40, 10, 12].map((width) => ({ width })),
    },
    { sheet: SHEETS.vetoes, data: vetoes, stickyRowsCount: 1, columns: [6, 70, 10, 10].map((width) => ({ width })) },
    { sheet: SHEETS.overview, data: overview, columns: [12, 50].map((width) => ({ width })) },
  ];
  // A Buffer may be a view into Node's shared pool: copy it into an ArrayBuffer of its own.
  return new Uint8Array(await writeXlsxFile(sheets).toBuffer());
}

// ---- Import ---------------------------------------------------------------------------------------

export interface XlsxProblem {
  sheet: string;
  /** 1-based spreadsheet row; 0 for problems with the file or a whole sheet. */
  row: number;
  message: string;
}

type SheetRows = ReadonlyArray<ReadonlyArray<unknown>>;

/** Reads one sheet's rows by header text; collects problems instead of throwing. */
class SheetReader {
  readonly problems: XlsxProblem[] = [];
  readonly sheet: string;
  readonly rows: SheetRows;
  private readonly columns = new Map<string, number>();

  constructor(sheet: string, rows: SheetRows, required: readonly string[]) {
    this.sheet = sheet;
    this.rows = rows;
    (rows[0] ?? []).forEach((cell, index) => {
      const title = cellText(cell);
      if (title !== "" && !this.columns.has(title)) this.columns.set(title, index);
    });
    for (const title of required) {
      if (!this.columns.has(title)) this.problem(1, `缺少“${title}”列`, `column "${title}" is missing`);
    }
  }

  get ok() {
    return this.problems.length === 0;
  }

  problem(row: number, zh: string, en: string) {
    const where = row > 0 ? [`第${row}行：`, `row ${row}: `] : ["", ""];
    this.problems.push({ sheet: this.sheet, row, message: `${where[0]}${zh} / ${where[1]}${en}` });
  }

  /** Data rows with their 1-based row numbers, skipping rows left entirely empty. */
  dataRows(): Array<{ row: number; cells: ReadonlyArray<unknown> }> {
    return this.rows
      .map((cells, index) => ({ row: index + 1, cells }))
      .slice(1)
      .filter(({ cells }) => cells.some((cell) => cellText(cell) !== ""));
  }

  cell(cells: ReadonlyArray<unknown>, title: string): unknown {
    const index = this.columns.get(title);
    return index === undefined ? null : cells[index];
  }
}

/** A cell as trimmed text; numbers (e.g. a code Excel turned into 1) become their decimal form. */
function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "string") return cell.trim();
  if (typeof cell === "number" || typeof cell === "boolean") return String(cell);
  if (cell instanceof Date) return cell.toISOString();
  return String(cell).trim();
}

/** A numeric cell: real numbers, or text that is a plain decimal (cells formatted as text). */
function cellNumber(cell: unknown): number | null | "invalid" {
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : "invalid";
  const value = cellText(cell);
  if (value === "") return null;
  return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(value) ? Number(value) : "invalid";
}

interface FieldLabel {
  column: string;
  zh: string;
  en: string;
}

/** Reads a number; reports "not a number" / "required" / "not a whole number" against the row. */
function readNumber(
  reader: SheetReader,
  row: number,
  cells: ReadonlyArray<unknown>,
  field: FieldLabel,
  options: { required: boolean; integer?: boolean },
): number | null | undefined {
  const value = cellNumber(reader.cell(cells, field.column));
  if (value === "invalid") {
    reader.problem(row, `${field.zh}不是数字`, `${field.en} is not a number`);
    return undefined;
  }
  if (value === null) {
    if (options.required) reader.problem(row, `${field.zh}不能为空`, `${field.en} is required`);
    return options.required ? undefined : null;
  }
  if (options.integer && !Number.isInteger(value)) {
    reader.problem(row, `${field.zh}须为整数`, `${field.en} must be a whole number`);
    return undefined;
  }
  return value;
}

function readText(
  reader: SheetReader,
  row: number,
  cells: ReadonlyArray<unknown>,
  field: FieldLabel,
): string | undefined {
  const value = cellText(reader.cell(cells, field.column));
  if (value === "") {
    reader.problem(row, `${field.zh}不能为空`, `${field.en} is required`);
    return undefined;
  }
  return value;
}

function readLabel<K extends string>(
  reader: SheetReader,
  row: number,
  cells: ReadonlyArray<unknown>,
  field: FieldLabel,
  byLabel: ReadonlyMap<string, K>,
  fallback?: K,
): K | undefined {
  const value = cellText(reader.cell(cells, field.column));
  if (value === "" && fallback !== undefined) return fallback;
  const code = byLabel.get(value);
  if (code === undefined) {
    const allowed = [...byLabel.keys()].join("/");
    if (value === "") reader.problem(row, `${field.zh}不能为空`, `${field.en} is required`);
    else reader.problem(row, `${field.zh}“${value}”无法识别，应为${allowed}`, `unknown ${field.en} "${value}"`);
  }
  return code;
}

/** "A:1;B:0.66" (also full-width ：； and commas, and 66% for a share) → grades, or a problem. */
function parseGrades(
  value: string,
  reader: SheetReader,
  row: number,
): Array<{ grade: string; share: number }> | undefined {
  if (value === "") return [];
  const grades: Array<{ grade: string; share: number }> = [];
  for (const part of value.split(/[;；,，\n]/)) {
    if (part.trim() === "") continue;
    const match = /^\s*([^:：=]+?)\s*[:：=]\s*([0-9.]+)\s*(%?)\s*$/.exec(part);
    const share = match?.[2] === undefined ? Number.NaN : Number(match[2]) / (match[3] === "%" ? 100 : 1);
    if (!match?.[1] || !Number.isFinite(share)) {
      reader.problem(row, `分档“${part.trim()}”格式应为 档次:比例，如 A:1;B:0.66`, `grades must look like A:1;B:0.66`);
      return undefined;
    }
    grades.push({ grade: match[1], share });
  }
  return grades;
}

const F = {
  kind: { column: ITEM_COLUMNS.kind, zh: "类型", en: "kind" },
  categoryCode: { column: ITEM_COLUMNS.categoryCode, zh: "项目编码", en: "category code" },
  categoryTitle: { column: ITEM_COLUMNS.categoryTitle, zh: "项目名称", en: "category title" },
  code: { column: ITEM_COLUMNS.code, zh: "内容编码", en: "item code" },
  title: { column: ITEM_COLUMNS.title, zh: "测评内容", en: "item title" },
  points: { column: ITEM_COLUMNS.points, zh: "分值", en: "points" },
  mode: { column: ITEM_COLUMNS.mode, zh: "计分方式", en: "scoring mode" },
  method: { column: ITEM_COLUMNS.method, zh: "测评方法", en: "method" },
  minFiles: { column: ITEM_COLUMNS.minFiles, zh: "最少附件数", en: "minimum files" },
  maxNoteChars: { column: ITEM_COLUMNS.maxNoteChars, zh: "说明字数上限", en: "note length limit" },
  vetoId: { column: VETO_COLUMNS.id, zh: "编号", en: "veto id" },
  vetoText: { column: VETO_COLUMNS.text, zh: "否决情形", en: "veto text" },
  lookback: { column: VETO_COLUMNS.lookbackMonths, zh: "追溯月数", en: "lookback months" },
  threshold: { column: VETO_COLUMNS.threshold, zh: "数量门槛", en: "threshold" },
} as const satisfies Record<string, FieldLabel>;

interface PlainItem {
  code: string;
  title: string;
  maxPoints: number;
  mode: Mode;
  grades: Array<{ grade: string; share: number }>;
  method: Method;
  guidance: string;
  evidence: { minFiles: number; maxNoteChars: number };
}

function readItems(reader: SheetReader) {
  const categories: Array<{ code: string; title: string; items: PlainItem[] }> = [];
  const bonusItems: PlainItem[] = [];
  const deductionItems: PlainItem[] = [];
  if (!reader.ok) return { categories, bonusItems, deductionItems };
  for (const { row, cells } of reader.dataRows()) {
    const before = reader.problems.length;
    const kind = readLabel(reader, row, cells, F.kind, KIND_BY_LABEL);
    const code = readText(reader, row, cells, F.code);
    const title = readText(reader, row, cells, F.title);
    const maxPoints = readNumber(reader, row, cells, F.points, { required: true });
    const mode = readLabel(reader, row, cells, F.mode, MODE_BY_LABEL, "points");
    const method = readLabel(reader, row, cells, F.method, METHOD_BY_LABEL);
    const grades = parseGrades(cellText(reader.cell(cells, ITEM_COLUMNS.grades)), reader, row);
    const minFiles = readNumber(reader, row, cells, F.minFiles, { required: false, integer: true });
    const maxNoteChars = readNumber(reader, row, cells, F.maxNoteChars, { required: false, integer: true });
    // Guidance keeps its own whitespace (the schema does not trim it); only an empty cell becomes "".
    const rawGuidance = reader.cell(cells, ITEM_COLUMNS.guidance);
    const guidance = typeof rawGuidance === "string" ? rawGuidance : cellText(rawGuidance);
    if (mode === "points" && grades !== undefined && grades.length > 0) {
      reader.problem(row, "按分值计分的项目不应填写分档", "grades given for an item scored by points");
    }
    const categoryCode = cellText(reader.cell(cells, F.categoryCode.column));
    const categoryTitle = cellText(reader.cell(cells, F.categoryTitle.column));
    if (kind === "base" && categoryCode === "") {
      reader.problem(row, "基础项目须填写项目编码", "category code is required for a base item");
    }
    if (
      reader.problems.length > before ||
      kind === undefined ||
      code === undefined ||
      title === undefined ||
      maxPoints == null ||
      mode === undefined ||
      method === undefined ||
      grades === undefined ||
      minFiles === undefined ||
      maxNoteChars === undefined
    ) {
      continue;
    }
    const item: PlainItem = {
      code,
      title,
      maxPoints,
      mode,
      grades,
      method,
      guidance,
      evidence: { minFiles: minFiles ?? 0, maxNoteChars: maxNoteChars ?? DEFAULT_MAX_NOTE_CHARS },
    };
    if (kind === "bonus") bonusItems.push(item);
    else if (kind === "deduction") deductionItems.push(item);
    else {
      // Rows of one category may be scattered; the title may sit on its first row only (merged-cell style).
      let category = categories.find((c) => c.code === categoryCode);
      if (!category) {
        category = { code: categoryCode, title: categoryTitle, items: [] };
        categories.push(category);
      } else if (category.title === "") {
        category.title = categoryTitle;
      } else if (categoryTitle !== "" && categoryTitle !== category.title) {
        reader.problem(
          row,
          `项目“${categoryCode}”的名称与前文“${category.title}”不一致`,
          `category ${categoryCode} has two titles`,
        );
      }
      category.items.push(item);
    }
  }
  return { categories, bonusItems, deductionItems };
}

function readVetoes(reader: SheetReader) {
  const rules: Array<{ id: string; text: string; lookbackMonths: number; threshold: number | null }> = [];
  if (!reader.ok) return rules;
  for (const { row, cells } of reader.dataRows()) {
    const id = readText(reader, row, cells, F.vetoId);
    const text = readText(reader, row, cells, F.vetoText);
    const lookback = readNumber(reader, row, cells, F.lookback, { required: false, integer: true });
    const threshold = readNumber(reader, row, cells, F.threshold, { required: false, integer: true });
    if (id === undefined || text === undefined || lookback === undefined || threshold === undefined) continue;
    rules.push({ id, text, lookbackMonths: lookback ?? DEFAULT_LOOKBACK_MONTHS, threshold });
  }
  return rules;
}

function readOverview(reader: SheetReader) {
  const values = new Map<string, { row: number; value: unknown }>();
  reader.rows.forEach((cells, index) => {
    const label = cellText(cells[0]);
    if (label !== "" && !values.has(label)) values.set(label, { row: index + 1, value: cells[1] });
  });
  const numberOf = (label: string, en: string, fallback?: number): number | undefined => {
    const found = values.get(label);
    const value = cellNumber(found?.value);
    if (value === "invalid") reader.problem(found?.row ?? 0, `${label}不是数字`, `${en} is not a number`);
    else if (value === null && fallback === undefined) {
      reader.problem(found?.row ?? 0, `缺少${label}`, `${en} is missing`);
    }
    return typeof value === "number" ? value : value === null ? fallback : undefined;
  };
  const name = cellText(values.get(OVERVIEW_LABELS.name)?.value);
  if (name === "") reader.problem(values.get(OVERVIEW_LABELS.name)?.row ?? 0, "缺少体系名称", "name is missing");
  return {
    name: name === "" ? undefined : name,
    version: numberOf(OVERVIEW_LABELS.version, "version"),
    maxTotal: numberOf(OVERVIEW_LABELS.maxTotal, "total"),
    // Caps may be left empty when a system has no bonus or deduction items (schema default 0).
    bonusCap: numberOf(OVERVIEW_LABELS.bonusCap, "bonus cap", 0),
    deductionCap: numberOf(OVERVIEW_LABELS.deductionCap, "deduction cap", 0),
  };
}

/**
 * What an imported workbook's XML parts may add up to once unzipped. The largest system the schema allows, every
 * text at its longest, unpacks to about 9 MB (a typical one to well under 1 MB); the cap keeps a small upload
 * (MAX_XLSX_BYTES) from unpacking into more than a Worker's 128 MB of memory can hold and parse.
 */
export const MAX_XLSX_UNPACKED_BYTES = 16 * 1024 * 1024;

/** The most rows the largest system the schema allows fills in one sheet (测评项目: header + every item). */
const LARGEST_SHEET_ROWS =
  1 +
  CRITERIA_LIMITS.categories * CRITERIA_LIMITS.itemsPerCategory +
  CRITERIA_LIMITS.bonusItems +
  CRITERIA_LIMITS.deductionItems;

/**
 * How far any sheet of an imported workbook may reach, checked before read-excel-file builds a row (it sizes its
 * work by the highest row and column address, see domain/sheet-limits.ts): twice the largest sheet the schema
 * allows, so blank lines and extra columns of a hand-edited sheet still fit, and no more.
 */
export const CRITERIA_SHEET_LIMITS: SheetLimits = {
  rows: 2 * LARGEST_SHEET_ROWS,
  columns: 2 * Object.keys(ITEM_COLUMNS).length,
  unpackedBytes: MAX_XLSX_UNPACKED_BYTES,
};

const NOT_XLSX = "文件不是有效的 XLSX 工作簿 / the file is not a valid XLSX workbook";
const UNPACKED_MB = MAX_XLSX_UNPACKED_BYTES / 1024 / 1024;
const TOO_LARGE = `工作簿内容过大（解压后超过 ${UNPACKED_MB} MB） / the workbook is too large (over ${UNPACKED_MB} MB unpacked)`;
const UNREADABLE = "无法读取工作簿内容（文件可能已损坏） / the workbook could not be read (it may be damaged)";

/**
 * Unzips the workbook's XML parts (refusing a zip bomb or a sheet past CRITERIA_SHEET_LIMITS, see checkWorkbook)
 * and packs them again uncompressed ("stored"): read-excel-file's universal build unzips with fflate's unzip(),
 * which inflates a part in-process only below 512 KiB (else it starts a Web Worker, absent in workerd) but copies
 * a stored part at any size.
 */
function unpackWorkbook(bytes: Uint8Array): { zip: ArrayBuffer } | { problem: string } {
  const checked = checkWorkbook(bytes, CRITERIA_SHEET_LIMITS);
  if (!checked.ok) {
    if (checked.problem === "not_xlsx") return { problem: NOT_XLSX };
    if (checked.problem === "too_large") return { problem: TOO_LARGE };
    const text = outOfBoundsText(checked.at, CRITERIA_SHEET_LIMITS);
    return { problem: `${text.zh} / ${text.en}` };
  }
  // zipSync allocates the archive as one fresh ArrayBuffer of exactly its length.
  return { zip: zipSync(checked.parts, { level: 0 }).buffer as ArrayBuffer };
}

/**
 * Parses a workbook written by criteriaToXlsx (or edited by hand) into a plain object for
 * CriteriaContent.safeParse. Never throws: a file that is not an XLSX (or is damaged or too large) gives one
 * problem, bad cells give row-numbered problems and their rows are left out of `doc`.
 */
export async function criteriaFromXlsx(
  bytes: ArrayBuffer | Uint8Array,
): Promise<{ doc: unknown; problems: XlsxProblem[] }> {
  const unpacked = unpackWorkbook(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  if ("problem" in unpacked) return { doc: null, problems: [{ sheet: "", row: 0, message: unpacked.problem }] };
  let sheets: Array<{ sheet: string; data: SheetRows }>;
  try {
    sheets = await readXlsxFile(unpacked.zip, { trim: false });
  } catch (error) {
    // The library's own errors mean "not an XLSX" (no workbook part, no sheets). Anything else is a damaged
    // part, such as broken XML.
    const message =
      error instanceof InvalidInputError || error instanceof InvalidSpreadsheetError ? NOT_XLSX : UNREADABLE;
    return { doc: null, problems: [{ sheet: "", row: 0, message }] };
  }
  const problems: XlsxProblem[] = [];
  const open = (name: string, required: readonly string[]): SheetReader | undefined => {
    const found = sheets.find((s) => s.sheet.trim() === name);
    if (!found) {
      problems.push({ sheet: name, row: 0, message: `缺少工作表“${name}” / sheet "${name}" is missing` });
      return undefined;
    }
    return new SheetReader(name, found.data, required);
  };

  const itemsSheet = open(
    SHEETS.items,
    [F.kind, F.code, F.title, F.points, F.method].map((f) => f.column),
  );
  const vetoSheet = open(
    SHEETS.vetoes,
    [F.vetoId, F.vetoText].map((f) => f.column),
  );
  const overviewSheet = open(SHEETS.overview, []);

  const items = itemsSheet ? readItems(itemsSheet) : undefined;
  const vetoRules = vetoSheet ? readVetoes(vetoSheet) : [];
  const overview = overviewSheet ? readOverview(overviewSheet) : undefined;
  for (const reader of [itemsSheet, vetoSheet, overviewSheet]) problems.push(...(reader?.problems ?? []));

  const doc = {
    ...overview,
    categories: items?.categories ?? [],
    bonusItems: items?.bonusItems ?? [],
    deductionItems: items?.deductionItems ?? [],
    vetoRules,
  };
  return { doc, problems };
}
