import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { Alert, App, Card, Col, Empty, Row, Segmented, Skeleton, Space, Statistic, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type Application, applicationQuery, saveItem } from "../api/applications.ts";
import { applicationCoverageQuery, COVERAGE_STATUSES, type CoverageStatus, coverageKey } from "../api/coverage.ts";
import { criteriaQuery } from "../api/criteria.ts";
import { errorText } from "../api/errors.ts";
import { useAppWrite } from "../components/application/use-app-write.ts";
import { CoverageItemCard, type LinkTarget } from "../components/coverage/CoverageItemCard.tsx";
import { QueryErrorResult } from "../components/QueryErrorResult.tsx";
import { useMembership } from "./use-membership.ts";

const route = getRouteApi("/_app/t/$tenant/applications/$applicationId/coverage");

type Filter = CoverageStatus | "all";

/** The item's stored body with one more measure or record: what PUT …/items/{code} takes whole. */
function withLink(app: Application, code: string, target: LinkTarget) {
  const entry = app.items.find((i) => i.itemCode === code);
  const measureKeys = entry?.measureKeys ?? [];
  const recordIds = entry?.recordIds ?? [];
  return {
    selfPoints: entry?.selfPoints ?? null,
    selfGrade: entry?.selfGrade ?? null,
    note: entry?.note ?? "",
    links: entry?.links ?? [],
    measureKeys: target.kind === "measure" ? [...new Set([...measureKeys, target.key])] : measureKeys,
    recordIds: target.kind === "record" ? [...new Set([...recordIds, target.id])] : recordIds,
  };
}

/** One application's coverage of its criteria system: each item covered, thin or empty, and what could fill it. */
export function CoveragePage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { applicationId } = route.useParams();
  const { tenant, membership } = useMembership();
  const queryClient = useQueryClient();
  const coverage = useQuery(applicationCoverageQuery(tenant, applicationId));
  const app = useQuery(applicationQuery(tenant, applicationId));
  const system = useQuery({
    ...criteriaQuery(tenant, coverage.data?.criteriaSystemId ?? ""),
    enabled: coverage.isSuccess,
  });
  const write = useAppWrite(tenant, applicationId);
  const [filter, setFilter] = useState<Filter>("all");
  const [linking, setLinking] = useState<string | null>(null);

  const failed = coverage.error ?? app.error ?? system.error;
  if (failed) return <QueryErrorResult error={failed} onRetry={() => void coverage.refetch()} />;
  if (!coverage.data || !app.data || !system.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  const a = app.data;
  const staff = membership?.role === "unit_staff";
  const editable = staff && (a.status === "draft" || a.status === "city_returned");

  const link = async (code: string, target: LinkTarget) => {
    setLinking(target.kind === "measure" ? target.key : target.id);
    try {
      await write(() => saveItem(tenant, a, code, withLink(a, code, target)));
      await queryClient.invalidateQueries({ queryKey: coverageKey(tenant) });
      void message.success(t("coverage.linked", { code }));
    } catch (error) {
      void message.error(errorText(error, i18n.language));
    } finally {
      setLinking(null);
    }
  };

  const { summary, items } = coverage.data;
  const shown = items.filter((i) => filter === "all" || i.status === filter);
  const categories = system.data.categories
    .map((c) => ({ ...c, items: shown.filter((i) => i.categoryCode === c.code) }))
    .filter((c) => c.items.length > 0);
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Card
        title={t("coverage.pageTitle")}
        extra={
          <Link to="/t/$tenant/applications/$applicationId" params={{ tenant, applicationId }}>
            {t("coverage.backToApplication")}
          </Link>
        }
      >
        <Typography.Paragraph type="secondary">
          {a.unit.name} · {t("coverage.hint")}
        </Typography.Paragraph>
        <Row gutter={[16, 8]} data-testid="coverage-summary">
          {COVERAGE_STATUSES.map((status) => (
            <Col key={status} xs={8}>
              <Statistic
                title={t(`coverage.status.${status}`)}
                value={summary[status]}
                data-testid={`coverage-summary-${status}`}
              />
            </Col>
          ))}
        </Row>
      </Card>
      {staff && !editable ? <Alert type="info" showIcon title={t("coverage.readOnly")} /> : null}
      <Segmented<Filter>
        aria-label={t("coverage.filterLabel")}
        value={filter}
        onChange={setFilter}
        options={[
          { value: "all", label: t("coverage.filterAll") },
          ...COVERAGE_STATUSES.map((s) => ({ value: s, label: `${t(`coverage.status.${s}`)} ${summary[s]}` })),
        ]}
        block
        data-testid="coverage-filter"
      />
      {categories.length === 0 ? <Empty description={t("coverage.emptyFilter")} /> : null}
      {categories.map((category) => (
        <Space key={category.code} orientation="vertical" size="small" style={{ width: "100%" }}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {category.code} {category.title}
          </Typography.Title>
          {category.items.map((item) => (
            <CoverageItemCard
              key={item.itemCode}
              item={item}
              linking={linking}
              onLink={editable ? (target) => void link(item.itemCode, target) : undefined}
            />
          ))}
        </Space>
      ))}
    </Space>
  );
}
