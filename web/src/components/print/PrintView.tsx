import { App, Button, Skeleton, Space, Typography } from "antd";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../api/errors.ts";
import { saveBlob } from "../save-blob.ts";
import type { PrintBlock, PrintDoc, PrintTable } from "./print-model.ts";

function TableBlock({ table, empty }: { table: PrintTable; empty: string }) {
  if (table.rows.length === 0) return <p>{empty}</p>;
  return (
    <div className="wm-print-table">
      <table>
        <colgroup>
          {table.columns.map((c) => (
            <col key={c.header} style={{ width: `${c.width}%` }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th key={c.header} scope="col">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            // Rows carry no id of their own; their order is the document's.
            // biome-ignore lint/suspicious/noArrayIndexKey: a printed table never reorders
            <tr key={r}>
              {table.columns.map((c, i) => (
                <td key={c.header} style={c.align === "center" ? { textAlign: "center" } : undefined}>
                  {row[i]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Block({ block }: { block: PrintBlock }) {
  switch (block.kind) {
    case "heading":
      return <h2>{block.text}</h2>;
    case "subheading":
      return <h3>{block.text}</h3>;
    case "paragraph":
      return (
        <p>
          {block.lead ? <strong>{block.text ? `${block.lead}　` : block.lead}</strong> : null}
          {block.text}
        </p>
      );
    case "facts":
      return (
        <dl>
          {block.items.map((f) => (
            <div key={f.label} style={{ display: "contents" }}>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      );
    case "table":
      return <TableBlock table={block.table} empty={block.empty} />;
  }
}

interface Props {
  /** Undefined while its data loads. */
  doc: PrintDoc | undefined;
  /** The way back to the page the document came from. */
  back: ReactNode;
  /** Choices above the sheet (e.g. which version of a program), left out of the print. */
  extra?: ReactNode;
}

/**
 * A document as it prints: a bar with 打印 and 导出 Word (screen only), then the A4 sheet. The .docx writer is
 * imported on the first export, so the docx package never loads with the app.
 */
export function PrintView({ doc, back, extra }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);
  const exportWord = async (d: PrintDoc) => {
    setExporting(true);
    try {
      const { docxBlob } = await import("./docx-document.ts");
      saveBlob(await docxBlob(d), d.fileName);
    } catch (error) {
      void message.error(`${t("print.exportFailed")}：${errorText(error, i18n.language)}`);
    } finally {
      setExporting(false);
    }
  };
  return (
    <div data-testid="print-view">
      <div className="wm-print-bar">
        <Space wrap size={[12, 4]}>
          {back}
          {extra}
        </Space>
        <Space wrap size={8}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("print.hint")}
          </Typography.Text>
          <Button onClick={() => window.print()} disabled={!doc} data-testid="print-now">
            {t("print.print")}
          </Button>
          <Button
            type="primary"
            loading={exporting}
            disabled={!doc}
            onClick={() => doc && void exportWord(doc)}
            data-testid="print-word"
          >
            {t("print.exportWord")}
          </Button>
        </Space>
      </div>
      {doc ? (
        <article className="wm-print-doc" data-testid="print-doc">
          <h1>{doc.title}</h1>
          {doc.subtitle ? <p className="wm-print-subtitle">{doc.subtitle}</p> : null}
          {doc.blocks.map((block, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: blocks are the document's fixed order
            <Block key={i} block={block} />
          ))}
        </article>
      ) : (
        <div className="wm-print-doc">
          <Skeleton active paragraph={{ rows: 12 }} />
        </div>
      )}
    </div>
  );
}
