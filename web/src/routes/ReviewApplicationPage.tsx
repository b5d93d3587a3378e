import { type UseQueryResult, useQuery, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { Alert, App, Button, Card, Descriptions, Result, Segmented, Skeleton, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type Application, applicationQuery } from "../api/applications.ts";
import { type CriteriaSystem, criteriaQuery } from "../api/criteria.ts";
import { errorText } from "../api/errors.ts";
import { meQuery } from "../api/queries.ts";
import type { Phase } from "../api/rounds.ts";
import { PHASES, roundQuery } from "../api/rounds.ts";
import { declareConflict, formQuery, type ScoreForm, STAGES, type Stage, scoringKey } from "../api/scoring.ts";
import { AppStatusTag } from "../components/application/AppStatusTag.tsx";
import { QueryErrorResult } from "../components/QueryErrorResult.tsx";
import { ReasonModal } from "../components/ReasonModal.tsx";
import { ReportReadCard } from "../components/report/ReportReadCard.tsx";
import { DESCRIPTION_COLUMNS } from "../components/responsive.ts";
import { PhaseTag } from "../components/rounds/PhaseTag.tsx";
import { ItemSections } from "../components/scoring/ItemSections.tsx";
import { OtherScores } from "../components/scoring/OtherScores.tsx";
import { PanelCard } from "../components/scoring/PanelCard.tsx";
import { ScoreChangesCard } from "../components/scoring/ScoreChangesCard.tsx";
import { ScoringWorkspace } from "../components/scoring/ScoringWorkspace.tsx";
import { SignoffCard } from "../components/scoring/SignoffCard.tsx";
import { useLinkedNames } from "../components/scoring/use-linked-names.ts";
import { beijingTime } from "../format/time.ts";
import { useMembership } from "./use-membership.ts";

const route = getRouteApi("/_app/t/$tenant/applications/$applicationId/review");

/** The phase in which each stage scores. */
const STAGE_PHASES: Record<Stage, Phase> = { city: "city_review", province: "province_review" };

/** The stage a round's phase scores in: the city's panel up to 市级评审, the province's from 省级评审 on. */
export function stageOfPhase(phase: Phase): Stage {
  return phase === "draft" || phase === "applications_open" || phase === "city_review" ? "city" : "province";
}

/**
 * Reviewing an application: the unit's answers read as a document, with the reviewer's scoring form beside
 * each item; the other reviewers' scores once the reader's own form is submitted; the panel and declared
 * conflicts for the round owner; the departments' sign-offs; score changes after the stage closed.
 */
export function ReviewApplicationPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { applicationId } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const { tenant, membership } = useMembership();
  const { data: me } = useSuspenseQuery(meQuery());
  const role = membership?.role;
  const reviewer = role === "reviewer";
  const admin = role === "tenant_admin";
  const department = role === "department";
  const app = useQuery(applicationQuery(tenant, applicationId));
  const round = useQuery({ ...roundQuery(tenant, app.data?.roundId ?? ""), enabled: app.isSuccess });
  const system = useQuery({ ...criteriaQuery(tenant, round.data?.criteriaSystemId ?? ""), enabled: round.isSuccess });
  const stage: Stage = search.stage ?? (round.data ? stageOfPhase(round.data.phase) : "city");
  const form = useQuery({
    ...formQuery(tenant, applicationId, stage),
    enabled: reviewer && round.isSuccess,
    // The page owns the draft once loaded: a refetch must not look like news.
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    retry: false,
  });
  const [declaring, setDeclaring] = useState(false);

  if (role === "unit_staff") return <Result status="403" title={t("scoring.forbidden")} />;
  const failed = app.error ?? round.error ?? system.error;
  if (failed) return <QueryErrorResult error={failed} onRetry={() => void app.refetch()} />;
  if (!app.data || !round.data || !system.data) return <Skeleton active paragraph={{ rows: 12 }} />;
  const a = app.data;
  const r = round.data;
  const signoffDepartments = r.settings.review.signoffDepartments;

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Card
        size="small"
        title={
          <Space wrap size={[8, 0]} style={{ whiteSpace: "normal" }}>
            <Link to="/t/$tenant/rounds/$roundId" params={{ tenant, roundId: r.id }}>
              {r.title}
            </Link>
            <PhaseTag phase={r.phase} />
          </Space>
        }
        extra={
          reviewer && form.data?.editable ? (
            <Button size="small" onClick={() => setDeclaring(true)} data-testid="conflict-declare">
              {t("scoring.declare")}
            </Button>
          ) : null
        }
      >
        <Descriptions size="small" column={DESCRIPTION_COLUMNS}>
          <Descriptions.Item label={t("scoring.unit")}>
            <span data-testid="review-unit">{a.unit.name}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t("applications.status")}>
            <AppStatusTag status={a.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t("applications.submittedAt")}>
            {a.submittedAt ? beijingTime(a.submittedAt) : t("common.none")}
          </Descriptions.Item>
          <Descriptions.Item label={t("scoring.selfTotal")}>{a.selfTotal}</Descriptions.Item>
        </Descriptions>
        {reviewer || admin ? (
          <Segmented<Stage>
            size="small"
            aria-label={t("scoring.stage")}
            value={stage}
            onChange={(next) => void navigate({ search: { stage: next }, replace: true })}
            options={STAGES.map((s) => ({ value: s, label: t(`scoring.stageName.${s}`) }))}
            data-testid="review-stage"
          />
        ) : null}
      </Card>
      {a.status === "city_returned" && a.returnReason ? (
        <Alert type="warning" showIcon title={t("application.returnReason", { reason: a.returnReason })} />
      ) : null}
      {department ? (
        <SignoffCard tenant={tenant} applicationId={a.id} roundId={r.id} canSign userId={me.user.id} />
      ) : null}
      {admin ? <PanelCard tenant={tenant} applicationId={a.id} panelSize={r.settings.review.panelSize} /> : null}
      <ReportReadCard tenant={tenant} applicationId={a.id} system={system.data} />
      <ReviewBody
        tenant={tenant}
        applicationId={applicationId}
        stage={stage}
        reviewer={reviewer}
        form={form}
        app={a}
        system={system.data}
        stageClosed={PHASES.indexOf(r.phase) > PHASES.indexOf(STAGE_PHASES[stage])}
      />
      {reviewer || admin ? <OtherScores tenant={tenant} applicationId={a.id} system={system.data} /> : null}
      {/* A department's own card is on top; reviewers read the departments' opinions after the document. */}
      {signoffDepartments.length > 0 && !department ? (
        <SignoffCard tenant={tenant} applicationId={a.id} roundId={r.id} canSign={false} userId={me.user.id} />
      ) : null}
      {reviewer || admin ? (
        <ScoreChangesCard tenant={tenant} applicationId={a.id} canDecide={reviewer || admin} userId={me.user.id} />
      ) : null}
      <ReasonModal
        open={declaring}
        title={t("scoring.declareTitle")}
        description={t("scoring.declareHint")}
        okText={t("scoring.declare")}
        reasonRequired
        label={t("scoring.declareReason")}
        onConfirm={async (reason) => {
          try {
            await declareConflict(tenant, a.id, reason ?? "");
          } finally {
            void queryClient.invalidateQueries({ queryKey: scoringKey(tenant, a.id) });
          }
          void message.success(t("scoring.declared"));
        }}
        onClose={() => setDeclaring(false)}
      />
    </Space>
  );
}

interface BodyProps {
  tenant: string;
  applicationId: string;
  stage: Stage;
  reviewer: boolean;
  form: UseQueryResult<ScoreForm>;
  app: Application;
  system: CriteriaSystem;
  /** The stage's review phase is over: a submitted form changes only by a proposal a second reviewer approves. */
  stageClosed: boolean;
}

/** The document, with the reviewer's form when there is one; read-only for everyone else. */
function ReviewBody({ tenant, applicationId, stage, reviewer, form, app, system, stageClosed }: BodyProps) {
  const { t, i18n } = useTranslation();
  const names = useLinkedNames(tenant, app);
  if (reviewer && form.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  const f = form.data;
  // A form this reviewer never started and cannot start (not on the panel, a conflict, the wrong phase): the
  // document alone, with the reason.
  const idle = f !== undefined && !f.editable && f.version === 0;
  if (reviewer && f && !idle) {
    return (
      <ScoringWorkspace
        // A lock that comes or goes (a conflict declared, the phase moved) starts the form again from the server.
        key={`${applicationId}-${stage}-${f.editable}-${f.lockedReason ?? ""}`}
        tenant={tenant}
        app={app}
        system={system}
        stage={stage}
        form={f}
        names={names}
        stageClosed={stageClosed}
      />
    );
  }
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      {reviewer && idle ? (
        <Alert
          type="info"
          showIcon
          title={t("scoring.locked")}
          description={f.lockedReason}
          data-testid="form-locked"
        />
      ) : null}
      {reviewer && form.isError ? (
        <Alert
          type="info"
          showIcon
          title={t("scoring.noForm")}
          description={errorText(form.error, i18n.language)}
          data-testid="form-unavailable"
        />
      ) : null}
      <ItemSections tenant={tenant} app={app} system={system} names={names} />
    </Space>
  );
}
