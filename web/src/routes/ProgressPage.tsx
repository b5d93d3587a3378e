import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { Alert, Col, Row } from "antd";
import { useTranslation } from "react-i18next";
import { progressQuery, type UnitProgress } from "../api/records.ts";
import { ChartTableCard } from "../components/charts/ChartTableCard.tsx";
import { barOption, monthKindSeries, pieOption } from "../components/charts/options.ts";
import { UnitFrame } from "../components/UnitFrame.tsx";
import { useUnitAccess } from "./use-unit-access.ts";

const route = getRouteApi("/_app/t/$tenant/units/$id/progress");

type Measure = UnitProgress["measures"][number];
type StatusCount = UnitProgress["measuresByStatus"][number];
type MonthCount = UnitProgress["recordsByMonth"][number];

/** How the unit's published program is going: measures by status, records per measure and per month. */
export function ProgressPage() {
  const { t } = useTranslation();
  const { tenant, id: unitId } = route.useParams();
  const { ownUnit } = useUnitAccess(unitId);
  const progress = useQuery(progressQuery(tenant, unitId));
  const common = { loading: progress.isPending, error: progress.error, onRetry: () => void progress.refetch() };
  const data = progress.data;
  const months = monthKindSeries(data?.recordsByMonth ?? [], (kind) => t(`recordKind.${kind}`));

  return (
    <UnitFrame tenant={tenant} unitId={unitId} active="progress" ownUnit={ownUnit}>
      {data && !data.program ? (
        <Alert type="info" showIcon title={t("progress.noProgram")} style={{ marginBottom: 16 }} />
      ) : data?.program ? (
        <Alert
          type="success"
          title={
            <Link to="/t/$tenant/programs/$programId" params={{ tenant, programId: data.program.id }}>
              {t("progress.program", { title: data.program.title, n: data.program.publishedVersion })}
            </Link>
          }
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <ChartTableCard<StatusCount>
            {...common}
            title={t("progress.byStatus")}
            fileName="measures-by-status.xlsx"
            rows={data?.measuresByStatus}
            rowKey={(r) => r.status}
            columns={[
              { header: t("program.status"), value: (r) => t(`measureStatus.${r.status}`) },
              { header: t("stats.count"), value: (r) => r.count },
            ]}
            chart={pieOption(
              (data?.measuresByStatus ?? []).map((r) => ({ name: t(`measureStatus.${r.status}`), value: r.count })),
            )}
            testId="progress-status"
          />
        </Col>
        <Col xs={24} lg={14}>
          <ChartTableCard<MonthCount>
            {...common}
            title={t("progress.byMonth")}
            fileName="records-by-month.xlsx"
            rows={data?.recordsByMonth}
            rowKey={(r) => `${r.month}-${r.kind}`}
            columns={[
              { header: t("stats.month"), value: (r) => r.month },
              { header: t("records.kind"), value: (r) => t(`recordKind.${r.kind}`) },
              { header: t("stats.count"), value: (r) => r.count },
            ]}
            chart={barOption(months.months, months.series, true)}
            testId="progress-months"
          />
        </Col>
        <Col span={24}>
          <ChartTableCard<Measure>
            {...common}
            title={t("progress.measures")}
            fileName="measures.xlsx"
            rows={data?.measures}
            rowKey={(r) => r.key}
            columns={[
              { header: t("program.itemTitle"), value: (r) => r.title },
              { header: t("program.departments"), value: (r) => r.departments.join("、") },
              { header: t("program.progress"), value: (r) => `${r.progress}%` },
              { header: t("program.status"), value: (r) => t(`measureStatus.${r.status}`) },
              { header: t("progress.records"), value: (r) => r.records },
            ]}
            chart={barOption(
              (data?.measures ?? []).map((m) => m.title.slice(0, 10)),
              [{ name: t("progress.records"), data: (data?.measures ?? []).map((m) => m.records) }],
            )}
            testId="progress-measures"
          />
        </Col>
      </Row>
    </UnitFrame>
  );
}
