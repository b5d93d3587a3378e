import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { Alert, Card, Col, Descriptions, Row, Skeleton, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type Application, applicationQuery } from "../api/applications.ts";
import type { ApiFailure } from "../api/client.ts";
import { type CriteriaSystem, criteriaQuery } from "../api/criteria.ts";
import type { Role } from "../api/queries.ts";
import { type Round, roundQuery } from "../api/rounds.ts";
import { ApplicationActions } from "../components/application/ApplicationActions.tsx";
import { ApplicationSummary } from "../components/application/ApplicationSummary.tsx";
import { AppStatusTag } from "../components/application/AppStatusTag.tsx";
import { ItemList } from "../components/application/ItemList.tsx";
import { filled } from "../components/application/item-draft.ts";
import { MissingList } from "../components/application/MissingList.tsx";
import { formSections, sectionOf } from "../components/application/sections.ts";
import { useApplicationDraft } from "../components/application/use-application-draft.ts";
import { MutualCard } from "../components/mutual/MutualCard.tsx";
import { ApplicationPrintLink } from "../components/print/PrintLink.tsx";
import { QueryErrorResult } from "../components/QueryErrorResult.tsx";
import { ReportSummaryCard } from "../components/report/ReportSummaryCard.tsx";
import { DESCRIPTION_COLUMNS, usePhone } from "../components/responsive.ts";
import { PhaseTag } from "../components/rounds/PhaseTag.tsx";
import { SectionNav } from "../components/SectionNav.tsx";
import { SurveyCard } from "../components/survey/SurveyCard.tsx";
import { beijingTime } from "../format/time.ts";
import { useMembership } from "./use-membership.ts";

const route = getRouteApi("/_app/t/$tenant/applications/$applicationId");

/** An application: per item self-assessment and evidence, one category at a time; submit, withdraw, return. */
export function ApplicationPage() {
  const { applicationId } = route.useParams();
  const { tenant, membership } = useMembership();
  const app = useQuery(applicationQuery(tenant, applicationId));
  const round = useQuery({ ...roundQuery(tenant, app.data?.roundId ?? ""), enabled: app.isSuccess });
  const system = useQuery({
    ...criteriaQuery(tenant, round.data?.criteriaSystemId ?? ""),
    enabled: round.isSuccess,
  });

  const failed = app.error ?? round.error ?? system.error;
  if (failed) return <QueryErrorResult error={failed} onRetry={() => void app.refetch()} />;
  if (!app.data || !round.data || !system.data) return <Skeleton active paragraph={{ rows: 12 }} />;
  return (
    <ApplicationForm tenant={tenant} app={app.data} round={round.data} system={system.data} role={membership?.role} />
  );
}

interface FormProps {
  tenant: string;
  app: Application;
  round: Round;
  system: CriteriaSystem;
  role: Role | undefined;
}

/** The loaded application: its header, the summary that stays in view, and one category's items at a time. */
function ApplicationForm({ tenant, app: a, round, system, role }: FormProps) {
  const { t } = useTranslation();
  const phone = usePhone();
  const [missing, setMissing] = useState<ApiFailure | null>(null);
  const sections = formSections(system, t("application.bonusDeduction"));
  const [selected, setSelected] = useState(sections[0]?.key ?? "");
  const [scrollTo, setScrollTo] = useState<string | null>(null);
  const draft = useApplicationDraft(tenant, a, system);
  const editable = role === "unit_staff" && (a.status === "draft" || a.status === "city_returned");
  const shown = sections.find((s) => s.key === selected) ?? sections[0];

  // An item picked from the list of what is missing: its category is shown first, then (ItemList) it is scrolled to.
  const pick = (code: string) => {
    const key = sectionOf(sections, code);
    if (key) setSelected(key);
    setScrollTo(code);
  };

  const actions = (only?: "submit" | "others") => (
    <ApplicationActions
      tenant={tenant}
      app={a}
      role={role}
      onMissing={setMissing}
      only={only}
      unsaved={draft.changedCodes.size}
    />
  );
  const navSections = sections.map((s) => {
    const done = s.items.filter((i) => {
      const value = draft.draftFor(i.code);
      return value !== undefined && filled(value);
    }).length;
    const unsaved = s.items.some((i) => draft.changedCodes.has(i.code));
    return {
      key: s.key,
      label: s.label,
      count: `${done}/${s.items.length}`,
      mark: unsaved ? { text: t("application.unsaved"), tone: "warning" as const } : undefined,
    };
  });
  const nav = (
    <SectionNav
      sections={navSections}
      selected={shown?.key ?? ""}
      onSelect={setSelected}
      label={t("application.sections")}
      testId="application-nav"
    />
  );
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Card
        title={
          <Space wrap>
            <Link to="/t/$tenant/rounds/$roundId" params={{ tenant, roundId: a.roundId }}>
              {round.title}
            </Link>
            <PhaseTag phase={round.phase} />
            <ApplicationPrintLink tenant={tenant} applicationId={a.id} />
          </Space>
        }
        styles={{ title: { whiteSpace: "normal" } }}
        // On a phone the actions go under the title: beside it they would cover it.
        extra={phone ? undefined : actions(editable ? "others" : undefined)}
        data-testid="application-header"
      >
        {phone ? <div style={{ marginBottom: 12 }}>{actions(editable ? "others" : undefined)}</div> : null}
        <Descriptions size="small" column={DESCRIPTION_COLUMNS}>
          <Descriptions.Item label={t("application.unit")}>
            <span data-testid="application-unit">{a.unit.name}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t("applications.status")}>
            <AppStatusTag status={a.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t("applications.submittedAt")}>
            {a.submittedAt ? beijingTime(a.submittedAt) : t("common.none")}
          </Descriptions.Item>
          <Descriptions.Item label={t("coverage.link")}>
            <Link
              to="/t/$tenant/applications/$applicationId/coverage"
              params={{ tenant, applicationId: a.id }}
              data-testid="application-coverage-link"
            >
              {t("common.view")}
            </Link>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {a.status === "city_returned" && a.returnReason ? (
        <Alert
          type="warning"
          showIcon
          title={t("application.returnReason", { reason: a.returnReason })}
          data-testid="return-reason"
        />
      ) : null}
      {!editable && role === "unit_staff" && a.status === "submitted" ? (
        <Alert type="info" showIcon title={t("application.readOnly")} data-testid="application-read-only" />
      ) : null}
      {missing ? <MissingList error={missing} onClose={() => setMissing(null)} onPick={pick} /> : null}
      <ReportSummaryCard tenant={tenant} applicationId={a.id} />
      {round.sources.survey ? <SurveyCard tenant={tenant} applicationId={a.id} /> : null}
      {round.sources.mutual ? <MutualCard tenant={tenant} applicationId={a.id} /> : null}
      <ApplicationSummary
        app={a}
        system={system}
        draftFor={draft.draftFor}
        changed={draft.changedCodes.size}
        editable={editable}
        saving={draft.saving}
        onSave={() => void draft.save()}
        submit={actions("submit")}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={6}>
          {phone ? nav : <Card size="small">{nav}</Card>}
        </Col>
        <Col xs={24} md={18}>
          <ItemList
            key={shown?.key}
            tenant={tenant}
            app={a}
            items={shown?.items ?? []}
            draftFor={draft.draftFor}
            onEdit={draft.edit}
            changedCodes={draft.changedCodes}
            editable={editable}
            scrollTo={scrollTo}
            onScrolled={() => setScrollTo(null)}
          />
        </Col>
      </Row>
    </Space>
  );
}
