import { useQuery } from "@tanstack/react-query";
import { Col, Row } from "antd";
import { useTranslation } from "react-i18next";
import { type MeasureRollup, measureRollupQuery } from "../../api/rollups.ts";
import { ChartTableCard } from "../charts/ChartTableCard.tsx";
import { barOption, pieOption } from "../charts/options.ts";

type Department = MeasureRollup["byDepartment"][number];
type StatusCount = MeasureRollup["byStatus"][number];

const STATUS_FIELDS = [
  ["done", "done"],
  ["inProgress", "in_progress"],
  ["notStarted", "not_started"],
  ["blocked", "blocked"],
] as const;

/** Published measures in scope by responsible department and by status. */
export function MeasureRollupCards({ tenant }: { tenant: string }) {
  const { t } = useTranslation();
  const rollup = useQuery(measureRollupQuery(tenant));
  const common = { loading: rollup.isPending, error: rollup.error, onRetry: () => void rollup.refetch() };
  const departments = (rollup.data?.byDepartment ?? []).slice(0, 20);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16}>
        <ChartTableCard<Department>
          {...common}
          title={t("stats.byDepartment")}
          fileName="measures-by-department.xlsx"
          rows={rollup.data?.byDepartment}
          rowKey={(r) => r.department}
          columns={[
            { header: t("program.departments"), value: (r) => r.department },
            { header: t("stats.total"), value: (r) => r.total },
            ...STATUS_FIELDS.map(([field, status]) => ({
              header: t(`measureStatus.${status}`),
              value: (r: Department) => r[field],
            })),
          ]}
          chart={barOption(
            departments.map((d) => d.department),
            STATUS_FIELDS.map(([field, status]) => ({
              name: t(`measureStatus.${status}`),
              data: departments.map((d) => d[field]),
            })),
            true,
          )}
          testId="stats-departments"
        />
      </Col>
      <Col xs={24} xl={8}>
        <ChartTableCard<StatusCount>
          {...common}
          title={t("stats.measuresByStatus")}
          fileName="measures-by-status.xlsx"
          rows={rollup.data?.byStatus}
          rowKey={(r) => r.status}
          columns={[
            { header: t("program.status"), value: (r) => t(`measureStatus.${r.status}`) },
            { header: t("stats.count"), value: (r) => r.count },
          ]}
          chart={pieOption(
            (rollup.data?.byStatus ?? []).map((r) => ({ name: t(`measureStatus.${r.status}`), value: r.count })),
          )}
          testId="stats-status"
        />
      </Col>
    </Row>
  );
}
