import { useQuery } from "@tanstack/react-query";
import { Col, Row } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { type RollupGroup, type RoundRollups, rollupsQuery } from "../../api/ranking.ts";
import type { Round } from "../../api/rounds.ts";
import type { ChartOption } from "../charts/EChart.tsx";
import { barOption } from "../charts/options.ts";
import type { ExportColumn } from "./export-table.ts";
import { RollupCard } from "./RollupCard.tsx";

type Bucket = RollupGroup["histogram"][number];
type Lost = RoundRollups["lossItems"][number];

const score = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);

/** A group's name; the rows without a city (or sector) are the provincial units (省直). */
const nameOf = (t: TFunction, g: RollupGroup) => g.name ?? t("stats.unassigned");

function groupColumns(t: TFunction, groupHeader: string): ExportColumn<RollupGroup>[] {
  return [
    { header: groupHeader, value: (g) => nameOf(t, g) },
    { header: t("ranking.rollups.applications"), value: (g) => g.applications },
    { header: t("ranking.rollups.recommended"), value: (g) => g.recommended },
    { header: t("ranking.rollups.vetoed"), value: (g) => g.vetoed },
    { header: t("ranking.rollups.scoredApplications"), value: (g) => g.scored },
    { header: t("ranking.rollups.mean"), value: (g) => score(g.mean) },
    { header: t("ranking.rollups.median"), value: (g) => score(g.median) },
  ];
}

/** Mean and median side by side per group: how the cities (or counties, or sectors) compare. */
function compareChart(t: TFunction, groups: RollupGroup[]): ChartOption {
  const option = barOption(
    groups.map((g) => nameOf(t, g)),
    [
      { name: t("ranking.rollups.mean"), data: groups.map((g) => score(g.mean) ?? 0) },
      { name: t("ranking.rollups.median"), data: groups.map((g) => score(g.median) ?? 0) },
    ],
  );
  return { ...option, yAxis: { type: "value", scale: true } };
}

/**
 * A round's statistics in the reader's scope: per city (a city reader: per county) and per sector, the score
 * distribution, each reviewer's progress, and the items where units lose most points. Every table exports.
 */
export function RollupsTab({ tenant, round, cityScoped }: { tenant: string; round: Round; cityScoped: boolean }) {
  const { t } = useTranslation();
  const rollups = useQuery(rollupsQuery(tenant, round.id));
  const data = rollups.data;
  const state = { loading: rollups.isPending, error: rollups.error, onRetry: () => void rollups.refetch() };
  const byCounty = (data?.placeLevel ?? (cityScoped ? "county" : "city")) === "county";
  const groupTitle = byCounty ? t("ranking.rollups.byCounty") : t("ranking.rollups.byCity");
  const name = (part: string) => `${round.title}-${part}`;
  const width = data?.binWidth ?? 10;
  const progressColumns: ExportColumn<RollupGroup>[] = [
    { header: t("ranking.rollups.group"), value: (g) => nameOf(t, g) },
    { header: t("ranking.rollups.assigned"), value: (g) => g.progress.assigned },
    { header: t("ranking.rollups.scored"), value: (g) => g.progress.scored },
    { header: t("ranking.rollups.remaining"), value: (g) => g.progress.remaining },
  ];
  const progressRows = data ? [...data.places, { ...data.total, id: "_total", name: t("stats.total") }] : undefined;
  const histogramColumns: ExportColumn<Bucket>[] = [
    { header: t("ranking.rollups.range"), value: (b) => `${b.from}–${b.from + width}` },
    { header: t("ranking.rollups.count"), value: (b) => b.count },
  ];
  const lostColumns: ExportColumn<Lost>[] = [
    { header: t("ranking.rollups.item"), value: (l) => `${l.itemCode} ${l.title}` },
    { header: t("ranking.rollups.maxPoints"), value: (l) => l.maxPoints },
    { header: t("ranking.rollups.meanLost"), value: (l) => score(l.meanLoss) },
    {
      header: t("ranking.rollups.lostShare"),
      value: (l) => (l.maxPoints > 0 ? `${Math.round((l.meanLoss / l.maxPoints) * 100)}%` : null),
    },
  ];
  const topLost = (data?.lossItems ?? []).slice(0, 10);
  const histogram = data?.total.histogram ?? [];
  return (
    <Row gutter={[16, 16]} data-testid="rollups-tab">
      <Col xs={24} xl={12}>
        <RollupCard<RollupGroup>
          title={groupTitle}
          baseName={name(groupTitle)}
          columns={groupColumns(t, t("ranking.rollups.group"))}
          rows={data?.places}
          rowKey={(g) => g.id ?? "_none"}
          chart={data && data.places.length > 0 ? compareChart(t, data.places) : undefined}
          testId="rollup-groups"
          {...state}
        />
      </Col>
      <Col xs={24} xl={12}>
        <RollupCard<RollupGroup>
          title={t("ranking.rollups.bySector")}
          baseName={name(t("ranking.rollups.bySector"))}
          columns={groupColumns(t, t("ranking.rollups.group"))}
          rows={data?.sectors}
          rowKey={(g) => g.id ?? "_none"}
          chart={data && data.sectors.length > 0 ? compareChart(t, data.sectors) : undefined}
          testId="rollup-sectors"
          {...state}
        />
      </Col>
      <Col xs={24} xl={12}>
        <RollupCard<Bucket>
          title={t("ranking.rollups.histogram")}
          baseName={name(t("ranking.rollups.histogram"))}
          columns={histogramColumns}
          rows={data ? histogram : undefined}
          rowKey={(b) => String(b.from)}
          chart={
            histogram.length > 0
              ? barOption(
                  histogram.map((b) => `${b.from}–${b.from + width}`),
                  [{ name: t("ranking.rollups.count"), data: histogram.map((b) => b.count) }],
                )
              : undefined
          }
          testId="rollup-histogram"
          {...state}
        />
      </Col>
      <Col xs={24} xl={12}>
        <RollupCard<RollupGroup>
          title={t("ranking.rollups.progress")}
          baseName={name(t("ranking.rollups.progress"))}
          columns={progressColumns}
          rows={progressRows}
          rowKey={(g) => g.id ?? "_none"}
          chart={
            data && data.places.length > 0
              ? barOption(
                  data.places.map((g) => nameOf(t, g)),
                  [
                    { name: t("ranking.rollups.scored"), data: data.places.map((g) => g.progress.scored) },
                    { name: t("ranking.rollups.remaining"), data: data.places.map((g) => g.progress.remaining) },
                  ],
                  true,
                )
              : undefined
          }
          testId="rollup-progress"
          {...state}
        />
      </Col>
      <Col span={24}>
        <RollupCard<Lost>
          title={t("ranking.rollups.lostPoints")}
          baseName={name(t("ranking.rollups.lostPoints"))}
          columns={lostColumns}
          rows={data?.lossItems}
          rowKey={(l) => l.itemCode}
          chart={
            topLost.length > 0
              ? {
                  ...barOption(
                    topLost.map((l) => l.title),
                    [{ name: t("ranking.rollups.meanLost"), data: topLost.map((l) => score(l.meanLoss) ?? 0) }],
                  ),
                  xAxis: { type: "value" },
                  yAxis: {
                    type: "category",
                    data: topLost.map((l) => l.title).reverse(),
                    axisLabel: { width: 160, overflow: "truncate" },
                  },
                  series: [
                    {
                      type: "bar",
                      name: t("ranking.rollups.meanLost"),
                      data: topLost.map((l) => score(l.meanLoss) ?? 0).reverse(),
                    },
                  ],
                }
              : undefined
          }
          testId="rollup-lost"
          {...state}
        />
      </Col>
    </Row>
  );
}
