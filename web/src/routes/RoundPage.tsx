import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { Button, Card, Descriptions, Skeleton, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { PHASES, roundQuery } from "../api/rounds.ts";
import { useRequirementText } from "../components/awards/EligibilityNotice.tsx";
import { QueryErrorResult } from "../components/QueryErrorResult.tsx";
import { ButtonLink } from "../components/ranking/ButtonLink.tsx";
import { DESCRIPTION_COLUMNS } from "../components/responsive.ts";
import { AdvanceButton } from "../components/rounds/AdvanceButton.tsx";
import { ApplicationsCard } from "../components/rounds/ApplicationsCard.tsx";
import { AutoAssignButton } from "../components/rounds/AutoAssignButton.tsx";
import { MyApplicationCard } from "../components/rounds/MyApplicationCard.tsx";
import { PhaseSteps } from "../components/rounds/PhaseSteps.tsx";
import { PhaseTag } from "../components/rounds/PhaseTag.tsx";
import { RoundFormModal } from "../components/rounds/RoundFormModal.tsx";
import { useMembership } from "./use-membership.ts";

const route = getRouteApi("/_app/t/$tenant/rounds/$roundId");

/** One round: its phase and timeline; unit staff apply, reviewers see the applications in scope. */
export function RoundPage() {
  const { t } = useTranslation();
  const { roundId } = route.useParams();
  const { tenant, membership } = useMembership();
  const role = membership?.role;
  const queryClient = useQueryClient();
  const round = useQuery(roundQuery(tenant, roundId));
  const [editing, setEditing] = useState(false);
  const requirementText = useRequirementText();
  if (round.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (round.isError) return <QueryErrorResult error={round.error} onRetry={() => void round.refetch()} />;
  const r = round.data;
  const admin = role === "tenant_admin";
  // From 市级评审 on there are scores to rank and decisions to make.
  const reviewing = PHASES.indexOf(r.phase) >= PHASES.indexOf("city_review");
  // From 省级评审 on, the round moves on (publish the notice, name) from its notice page.
  const onNoticePath = PHASES.indexOf(r.phase) >= PHASES.indexOf("province_review");
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Card
        title={
          <Space>
            <Link to="/t/$tenant/rounds" params={{ tenant }}>
              {t("rounds.listTitle")}
            </Link>
            <span data-testid="round-title-text">{r.title}</span>
            <PhaseTag phase={r.phase} />
          </Space>
        }
        extra={
          admin || role === "reviewer" ? (
            <Space wrap>
              {reviewing ? (
                <ButtonLink
                  to="/t/$tenant/rounds/$roundId/ranking"
                  params={{ tenant, roundId: r.id }}
                  data-testid="round-ranking-link"
                >
                  {t("ranking.link")}
                </ButtonLink>
              ) : null}
              {r.phase === "draft" ? null : (
                <ButtonLink
                  to="/t/$tenant/rounds/$roundId/coverage"
                  params={{ tenant, roundId: r.id }}
                  data-testid="round-coverage-link"
                >
                  {t("coverage.link")}
                </ButtonLink>
              )}
              {r.phase === "draft" ? null : (
                <ButtonLink
                  to="/t/$tenant/rounds/$roundId/survey"
                  params={{ tenant, roundId: r.id }}
                  data-testid="round-survey-link"
                >
                  {t("survey.link")}
                </ButtonLink>
              )}
              {r.phase === "draft" ? null : (
                <ButtonLink
                  to="/t/$tenant/rounds/$roundId/survey/results"
                  params={{ tenant, roundId: r.id }}
                  data-testid="round-survey-results-link"
                >
                  {t("surveyResults.link")}
                </ButtonLink>
              )}
              {r.phase === "draft" ? null : (
                <ButtonLink
                  to="/t/$tenant/rounds/$roundId/mutual"
                  params={{ tenant, roundId: r.id }}
                  data-testid="round-mutual-link"
                >
                  {t("mutual.link")}
                </ButtonLink>
              )}
              {admin && r.phase === "draft" ? (
                <Button onClick={() => setEditing(true)} data-testid="round-edit">
                  {t("rounds.edit")}
                </Button>
              ) : null}
              {admin ? <AutoAssignButton tenant={tenant} round={r} /> : null}
              {onNoticePath ? (
                <ButtonLink
                  to="/t/$tenant/rounds/$roundId/notice"
                  params={{ tenant, roundId: r.id }}
                  type={admin && r.phase !== "named" ? "primary" : "default"}
                  title={admin && r.phase !== "named" ? t("notice.advanceHint") : undefined}
                  data-testid="round-notice-link"
                >
                  {t("notice.link")}
                </ButtonLink>
              ) : null}
              {r.kind === "recheck" ? (
                <ButtonLink
                  to="/t/$tenant/rounds/$roundId/recheck"
                  params={{ tenant, roundId: r.id }}
                  data-testid="round-recheck-link"
                >
                  {t("titles.recheck.link")}
                </ButtonLink>
              ) : null}
              {/* Publishing the notice and naming have their own page (and the Worker refuses them here). */}
              {admin && !onNoticePath ? <AdvanceButton tenant={tenant} round={r} /> : null}
            </Space>
          ) : null
        }
      >
        <Descriptions size="small" column={DESCRIPTION_COLUMNS} style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t("rounds.level")}>{t(`roundLevel.${r.level}`)}</Descriptions.Item>
          <Descriptions.Item label={t("rounds.kind")}>{t(`roundKind.${r.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t("rounds.year")}>{r.year}</Descriptions.Item>
          <Descriptions.Item label={t("awards.requirement")}>
            <span data-testid="round-requirement">{requirementText(r.settings.eligibility)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t("rounds.criteria")}>
            <Link to="/t/$tenant/criteria/$criteriaId" params={{ tenant, criteriaId: r.criteriaSystemId }}>
              {t("common.view")}
            </Link>
          </Descriptions.Item>
        </Descriptions>
        <PhaseSteps round={r} />
      </Card>
      {role === "unit_staff" ? <MyApplicationCard tenant={tenant} round={r} /> : null}
      {role === "reviewer" || admin || role === "department" ? (
        <ApplicationsCard
          tenant={tenant}
          roundId={r.id}
          decide={
            r.phase === "city_review" && membership?.jurisdiction?.level === "city"
              ? { perCity: r.settings.quotas.perCity }
              : undefined
          }
        />
      ) : null}
      {admin ? (
        <RoundFormModal
          tenant={tenant}
          open={editing}
          round={r}
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            queryClient.setQueryData(roundQuery(tenant, roundId).queryKey, saved);
            setEditing(false);
          }}
        />
      ) : null}
    </Space>
  );
}
