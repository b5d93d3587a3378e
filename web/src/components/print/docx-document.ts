import {
  AlignmentType,
  BorderStyle,
  convertMillimetersToTwip,
  Document,
  Footer,
  type IFontAttributesProperties,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from "docx";
import type { PrintBlock, PrintDoc, PrintTable } from "./print-model.ts";

/**
 * The .docx writer behind 导出 Word: a pure PrintDoc → Document, so a Node test can pack and read it. Loaded only
 * by a dynamic import(): the docx package never weighs on the SPA's first load.
 */

// Chinese offices set body text in 宋体 and headings in 黑体; Latin letters and digits in Times New Roman.
const BODY_FONT: IFontAttributesProperties = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "SimSun" };
const HEADING_FONT: IFontAttributesProperties = {
  ascii: "Times New Roman",
  hAnsi: "Times New Roman",
  eastAsia: "SimHei",
};

// Sizes in half-points: 小二 18 pt title, 四号 14 pt headings, 小四 12 pt body, 五号 10.5 pt tables.
const TITLE_SIZE = 36;
const HEADING_SIZE = 28;
const SUBHEADING_SIZE = 24;
const BODY_SIZE = 24;
const TABLE_SIZE = 21;

/** A4 with the print stylesheet's margins (18 mm top and bottom, 16 mm at the sides). */
const PAGE = {
  size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
  margin: {
    top: convertMillimetersToTwip(18),
    bottom: convertMillimetersToTwip(18),
    left: convertMillimetersToTwip(16),
    right: convertMillimetersToTwip(16),
  },
};
const TEXT_WIDTH = PAGE.size.width - PAGE.margin.left - PAGE.margin.right;

const LINE = { style: BorderStyle.SINGLE, size: 4, color: "000000" } as const;
const CELL_BORDERS = { top: LINE, bottom: LINE, left: LINE, right: LINE };

function lines(text: string): string[] {
  return text.split(/\r?\n/);
}

/** Text with line breaks kept as breaks inside one paragraph. */
function runs(text: string, options: { bold?: boolean; size: number; font: IFontAttributesProperties }): TextRun[] {
  return lines(text).map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0, ...options }));
}

function cell(text: string, width: number, header: boolean, center: boolean): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    borders: CELL_BORDERS,
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    ...(header ? { shading: { type: ShadingType.CLEAR, color: "auto", fill: "F2F2F2" } } : {}),
    children: [
      new Paragraph({
        alignment: header || center ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: runs(text, { bold: header, size: TABLE_SIZE, font: header ? HEADING_FONT : BODY_FONT }),
      }),
    ],
  });
}

/** A table whose header row repeats on every page and whose rows never break across pages. */
function table(spec: PrintTable): Table {
  const widths = spec.columns.map((c) => Math.round((TEXT_WIDTH * c.width) / 100));
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: spec.columns.map((c, i) => cell(c.header, widths[i] ?? 0, true, true)),
  });
  const rows = spec.rows.map(
    (row) =>
      new TableRow({
        cantSplit: true,
        children: spec.columns.map((c, i) => cell(row[i] ?? "", widths[i] ?? 0, false, c.align === "center")),
      }),
  );
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [header, ...rows],
  });
}

function body(text: string, lead?: string): Paragraph {
  return new Paragraph({
    spacing: { after: 120, line: 360 },
    indent: { firstLine: 480 },
    children: [
      ...(lead ? [new TextRun({ text: text ? `${lead}　` : lead, bold: true, size: BODY_SIZE, font: BODY_FONT })] : []),
      ...(text ? runs(text, { size: BODY_SIZE, font: BODY_FONT }) : []),
    ],
  });
}

function block(b: PrintBlock): (Paragraph | Table)[] {
  switch (b.kind) {
    case "heading":
      return [
        new Paragraph({
          keepNext: true,
          spacing: { before: 240, after: 120 },
          children: [new TextRun({ text: b.text, size: HEADING_SIZE, font: HEADING_FONT })],
        }),
      ];
    case "subheading":
      return [
        new Paragraph({
          keepNext: true,
          spacing: { before: 160, after: 80 },
          children: [new TextRun({ text: b.text, bold: true, size: SUBHEADING_SIZE, font: HEADING_FONT })],
        }),
      ];
    case "paragraph":
      return [body(b.text, b.lead)];
    case "facts":
      return b.items.map(
        (f) =>
          new Paragraph({
            spacing: { after: 40 },
            children: [
              new TextRun({ text: `${f.label}：`, bold: true, size: BODY_SIZE, font: BODY_FONT }),
              new TextRun({ text: f.value, size: BODY_SIZE, font: BODY_FONT }),
            ],
          }),
      );
    case "table":
      return b.table.rows.length === 0
        ? [body(b.empty)]
        : [table(b.table), new Paragraph({ spacing: { after: 120 }, children: [] })];
  }
}

/** The document as Word: A4, a centred 黑体 title, 宋体 body, bordered tables, 第 N 页 共 M 页 in the footer. */
export function buildDocx(doc: PrintDoc): Document {
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            children: ["第 ", PageNumber.CURRENT, " 页 共 ", PageNumber.TOTAL_PAGES, " 页"],
            size: 18,
            font: BODY_FONT,
          }),
        ],
      }),
    ],
  });
  return new Document({
    title: doc.title,
    styles: { default: { document: { run: { font: BODY_FONT, size: BODY_SIZE } } } },
    sections: [
      {
        properties: { page: PAGE },
        footers: { default: footer },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: doc.subtitle ? 120 : 360 },
            children: [new TextRun({ text: doc.title, size: TITLE_SIZE, font: HEADING_FONT })],
          }),
          ...(doc.subtitle
            ? [
                new Paragraph({
                  alignment: AlignmentType.CENTER,
                  spacing: { after: 360 },
                  children: [new TextRun({ text: doc.subtitle, size: BODY_SIZE, font: BODY_FONT })],
                }),
              ]
            : []),
          ...doc.blocks.flatMap(block),
        ],
      },
    ],
  });
}

/** The document as a .docx blob, for the browser to download. */
export function docxBlob(doc: PrintDoc): Promise<Blob> {
  return Packer.toBlob(buildDocx(doc));
}
