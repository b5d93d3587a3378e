import type { TFunction } from "i18next";
import type { RankingRow } from "../../api/ranking.ts";
import type { ExportColumn } from "./export-table.ts";

/** A gate as a word: 达线 / 未达线, or empty when the round sets no such gate or the row has no score. */
export function gateText(t: TFunction, passed: boolean | null): string {
  if (passed === null) return "";
  return passed ? t("ranking.gate.passed") : t("ranking.gate.failed");
}

/** The status column's words: the application's status, or 一票否决 with its reason. */
export function statusText(t: TFunction, row: RankingRow): string {
  const status = t(`appStatus.${row.status}`, { defaultValue: row.status });
  if (!row.vetoed) return status;
  return row.vetoReason ? `${t("ranking.vetoed")}：${row.vetoReason}` : t("ranking.vetoed");
}

/** The ranking as exported: the same columns as on screen, headers in the UI language (Chinese first). */
export function rankingExportColumns(t: TFunction): ExportColumn<RankingRow>[] {
  return [
    { header: t("ranking.col.rank"), value: (r) => r.rank },
    { header: t("ranking.col.cityRank"), value: (r) => r.cityRank },
    { header: t("ranking.col.poolRank"), value: (r) => r.poolRank },
    { header: t("ranking.col.unit"), value: (r) => r.unitName },
    { header: t("ranking.col.city"), value: (r) => r.city },
    { header: t("ranking.col.sector"), value: (r) => r.sector },
    { header: t("ranking.col.aggregate"), value: (r) => (r.blind ? null : r.aggregate) },
    { header: t("ranking.col.extraPoints"), value: (r) => (r.blind ? null : r.extraPoints) },
    {
      header: t("ranking.col.reviewerTotals"),
      value: (r) => (r.blind ? t("ranking.blind") : r.reviewerTotals.join(" / ")),
    },
    { header: t("ranking.col.onsiteGate"), value: (r) => gateText(t, r.gates.onsite) },
    { header: t("ranking.col.namingGate"), value: (r) => gateText(t, r.gates.naming) },
    { header: t("ranking.col.status"), value: (r) => statusText(t, r) },
  ];
}
