import { useQuery } from "@tanstack/react-query";
import { Col, Row } from "antd";
import { useTranslation } from "react-i18next";
import { type RecordRollup, recordRollupQuery } from "../../api/rollups.ts";
import { ChartTableCard } from "../charts/ChartTableCard.tsx";
import { barOption, monthKindSeries, pieOption } from "../charts/options.ts";

type KindRow = RecordRollup["byKind"][number];
type MonthRow = RecordRollup["byMonth"][number];

/** Records kept by units in scope during the year: by kind and by month. */
export function RecordRollupCards({ tenant, year }: { tenant: string; year: number }) {
  const { t } = useTranslation();
  const rollup = useQuery(recordRollupQuery(tenant, year));
  const common = { loading: rollup.isPending, error: rollup.error, onRetry: () => void rollup.refetch() };
  const kind = (k: KindRow["kind"]) => t(`recordKind.${k}`);
  const months = monthKindSeries(rollup.data?.byMonth ?? [], kind);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={10}>
        <ChartTableCard<KindRow>
          {...common}
          title={t("stats.recordsByKind")}
          fileName={`records-by-kind-${year}.xlsx`}
          rows={rollup.data?.byKind}
          rowKey={(r) => r.kind}
          columns={[
            { header: t("records.kind"), value: (r) => kind(r.kind) },
            { header: t("stats.count"), value: (r) => r.count },
            { header: t("records.people"), value: (r) => r.people },
            { header: t("records.hours"), value: (r) => r.hours },
          ]}
          chart={pieOption((rollup.data?.byKind ?? []).map((r) => ({ name: kind(r.kind), value: r.count })))}
          testId="stats-record-kinds"
        />
      </Col>
      <Col xs={24} xl={14}>
        <ChartTableCard<MonthRow>
          {...common}
          title={t("stats.recordsByMonth")}
          fileName={`records-by-month-${year}.xlsx`}
          rows={rollup.data?.byMonth}
          rowKey={(r) => `${r.month}-${r.kind}`}
          columns={[
            { header: t("stats.month"), value: (r) => r.month },
            { header: t("records.kind"), value: (r) => kind(r.kind) },
            { header: t("stats.count"), value: (r) => r.count },
          ]}
          chart={barOption(months.months, months.series, true)}
          testId="stats-record-months"
        />
      </Col>
    </Row>
  );
}
