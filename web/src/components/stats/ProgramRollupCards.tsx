import { useQuery } from "@tanstack/react-query";
import { Col, Row, Statistic, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { type ProgramRollup, programRollupQuery } from "../../api/rollups.ts";
import { ChartTableCard } from "../charts/ChartTableCard.tsx";
import { barOption } from "../charts/options.ts";

type Group = ProgramRollup["bySector"][number];

/** Units in scope with a published program for the year: by city, sector and kind. */
export function ProgramRollupCards({ tenant, year }: { tenant: string; year: number }) {
  const { t } = useTranslation();
  const rollup = useQuery(programRollupQuery(tenant, year));
  const common = { loading: rollup.isPending, error: rollup.error, onRetry: () => void rollup.refetch() };
  const other = t("stats.unassigned");
  const columns = [
    { header: t("stats.group"), value: (r: Group) => r.name ?? other },
    { header: t("stats.units"), value: (r: Group) => r.units },
    { header: t("stats.withProgram"), value: (r: Group) => r.withProgram },
    {
      header: t("stats.share"),
      value: (r: Group) => (r.units ? `${Math.round((r.withProgram / r.units) * 100)}%` : "—"),
    },
  ];
  const chart = (rows: Group[] | undefined) =>
    barOption(
      (rows ?? []).map((r) => r.name ?? other),
      [
        { name: t("stats.units"), data: (rows ?? []).map((r) => r.units) },
        { name: t("stats.withProgram"), data: (rows ?? []).map((r) => r.withProgram) },
      ],
    );
  const groups = [
    { key: "city", title: t("stats.byCity"), rows: rollup.data?.byCity },
    { key: "sector", title: t("stats.bySector"), rows: rollup.data?.bySector },
    { key: "kind", title: t("stats.byKind"), rows: rollup.data?.byKind },
  ];
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Row gutter={16}>
          <Col>
            <Statistic title={t("stats.units")} value={rollup.data?.totals.units ?? "—"} data-testid="stats-units" />
          </Col>
          <Col>
            <Statistic
              title={t("stats.withProgramYear", { year })}
              value={rollup.data?.totals.withProgram ?? "—"}
              data-testid="stats-with-program"
            />
          </Col>
        </Row>
        {/* The unit list counts every registration, so its total differs: say why rather than leave two numbers. */}
        <Typography.Text type="secondary" data-testid="stats-units-note">
          {t("stats.unitsNote")}
        </Typography.Text>
      </Col>
      {groups.map((g) => (
        <Col key={g.key} xs={24} xl={g.key === "city" ? 24 : 12}>
          <ChartTableCard<Group>
            {...common}
            title={g.title}
            fileName={`programs-${g.key}-${year}.xlsx`}
            rows={g.rows}
            rowKey={(r) => r.id ?? "none"}
            columns={columns}
            chart={chart(g.rows)}
            testId={`stats-programs-${g.key}`}
          />
        </Col>
      ))}
    </Row>
  );
}
