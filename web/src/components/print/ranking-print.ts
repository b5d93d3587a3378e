import type { TFunction } from "i18next";
import type { RankingRow } from "../../api/ranking.ts";
import { statusText } from "../ranking/ranking-columns.ts";
import { type PrintDoc, safeFileName } from "./print-model.ts";

export interface RankingPrintInput {
  roundTitle: string;
  /** Every row under the filters, in rank order. */
  rows: RankingRow[];
  /** The filters in force, in words (城市：德阳市); empty when the whole ranking is printed. */
  filters: { label: string; value: string }[];
}

function score(t: TFunction, row: RankingRow, value: number | null): string {
  if (row.blind) return t("ranking.blind");
  return value === null ? t("common.none") : String(value);
}

/** A round's ranking as a document: the filters in force, then one row per unit with its scores and status. */
export function rankingPrintDoc(t: TFunction, { roundTitle, rows, filters }: RankingPrintInput): PrintDoc {
  const none = t("common.none");
  return {
    title: t("print.ranking.title", { round: roundTitle }),
    subtitle: null,
    fileName: `${safeFileName(t("print.ranking.fileName", { round: roundTitle }))}.docx`,
    blocks: [
      {
        kind: "facts",
        items: [
          {
            label: t("print.ranking.filters"),
            value: filters.map((f) => `${f.label}：${f.value}`).join("；") || t("print.ranking.all"),
          },
          { label: t("print.ranking.count"), value: t("print.ranking.countValue", { count: rows.length }) },
        ],
      },
      {
        kind: "table",
        empty: t("print.ranking.empty"),
        table: {
          columns: [
            { header: t("ranking.col.rank"), width: 8, align: "center" },
            { header: t("ranking.col.unit"), width: 28 },
            { header: t("ranking.col.city"), width: 11, align: "center" },
            { header: t("ranking.col.sector"), width: 13, align: "center" },
            { header: t("ranking.col.aggregate"), width: 10, align: "center" },
            { header: t("ranking.col.extraPoints"), width: 12, align: "center" },
            { header: t("ranking.col.status"), width: 18, align: "center" },
          ],
          rows: rows.map((r) => [
            r.rank === null ? none : String(r.rank),
            r.unitName,
            r.city ?? none,
            r.sector ?? none,
            score(t, r, r.aggregate),
            score(t, r, r.extraPoints),
            statusText(t, r),
          ]),
        },
      },
    ],
  };
}
