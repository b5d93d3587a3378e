import { Link } from "@tanstack/react-router";
import { Space, Table, Tag, Tooltip, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { SurveyResultRow, SurveyResults } from "../../api/survey-results.ts";
import type { ExportColumn } from "../charts/export-xlsx.ts";
import { percent, points } from "./format.ts";

interface Props {
  tenant: string;
  results: SurveyResults;
  loading: boolean;
  onPage: (page: number) => void;
}

/** The same columns as the table, for the XLSX export (values, no tags). */
export function useExportColumns(results: SurveyResults | undefined): ExportColumn<SurveyResultRow>[] {
  const { t } = useTranslation();
  return useMemo(
    () => [
      { header: t("surveyResults.colUnit"), value: (r) => r.unitName },
      { header: t("surveyResults.colCity"), value: (r) => r.city },
      { header: t("surveyResults.colCounted"), value: (r) => r.counted },
      { header: t("surveyResults.colTooFast"), value: (r) => r.tooFast },
      ...(results?.items ?? []).flatMap((item, i) => [
        {
          header: t("surveyResults.colRate", { code: item.code }),
          value: (r: SurveyResultRow) => percent(r.items[i]?.rate ?? null),
        },
        {
          header: t("surveyResults.colItemPoints", { code: item.code }),
          value: (r: SurveyResultRow) => {
            const p = r.items[i];
            return p ? `${points(p.points)}${p.belowMinimum ? `（${t("surveyResults.belowMinimum")}）` : ""}` : null;
          },
        },
      ]),
      { header: t("surveyResults.colPoints"), value: (r) => r.points },
      { header: t("surveyResults.colFlag"), value: (r) => (r.burst ? t("surveyResults.burst") : "") },
    ],
    [results, t],
  );
}

/** Per application: answers, each item's rate and points (样本不足 below the minimum), the total, a burst flag. */
export function ResultsTable({ tenant, results, loading, onPage }: Props) {
  const { t } = useTranslation();
  const columns: ColumnsType<SurveyResultRow> = [
    {
      title: t("surveyResults.colUnit"),
      key: "unit",
      fixed: "left",
      width: 150,
      render: (_, r) => (
        <Space size={4} wrap>
          <Link
            to="/t/$tenant/applications/$applicationId/survey"
            params={{ tenant, applicationId: r.applicationId }}
            data-testid="survey-result-unit"
          >
            {r.unitName}
          </Link>
          {r.burst ? (
            <Tooltip title={t("surveyResults.burstHint")}>
              <Tag color="red" data-testid="survey-burst-tag">
                {t("surveyResults.burst")}
              </Tag>
            </Tooltip>
          ) : null}
        </Space>
      ),
    },
    { title: t("surveyResults.colCity"), key: "city", width: 90, render: (_, r) => r.city ?? t("common.none") },
    {
      title: t("surveyResults.colCounted"),
      key: "counted",
      width: 90,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span data-testid="survey-result-counted">{r.counted}</span>
          {r.tooFast > 0 ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t("surveyResults.tooFast", { n: r.tooFast })}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    ...results.items.map((item, i) => ({
      title: (
        <Tooltip title={item.title}>
          <span>{item.code}</span>
        </Tooltip>
      ),
      key: item.code,
      width: 110,
      render: (_: unknown, r: SurveyResultRow) => {
        const p = r.items[i];
        if (!p) return t("common.none");
        return (
          <Space orientation="vertical" size={0}>
            <span>{percent(p.rate)}</span>
            <span>{t("surveyResults.pointsOf", { points: points(p.points) })}</span>
            {p.belowMinimum ? (
              <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid="survey-below-minimum">
                {t("surveyResults.belowMinimum")}
              </Tag>
            ) : null}
          </Space>
        );
      },
    })),
    {
      title: t("surveyResults.colPoints"),
      key: "points",
      width: 90,
      render: (_, r) => <Typography.Text strong>{points(r.points)}</Typography.Text>,
    },
  ];
  return (
    <Table<SurveyResultRow>
      size="small"
      rowKey={(r) => r.applicationId}
      dataSource={results.rows}
      columns={columns}
      loading={loading}
      scroll={{ x: "max-content" }}
      locale={{ emptyText: t("surveyResults.empty") }}
      pagination={
        results.total > results.pageSize
          ? {
              current: results.page,
              pageSize: results.pageSize,
              total: results.total,
              showSizeChanger: false,
              onChange: onPage,
            }
          : false
      }
      data-testid="survey-results-table"
    />
  );
}
