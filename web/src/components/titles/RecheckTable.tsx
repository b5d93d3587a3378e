import { useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { App, Button, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type RecheckEntry, type RecheckView, recheckQuery, setTitleOutcome } from "../../api/titles.ts";
import { AwardStatusTag } from "../awards/AwardStatusTag.tsx";
import { titleName } from "../awards/title-name.ts";
import { OutcomeModal } from "./OutcomeModal.tsx";

const OUTCOME_COLORS = { keep: "green", warn: "orange", restore: "blue", revoke: "red", lapse: "default" } as const;

interface Props {
  tenant: string;
  view: RecheckView;
  /** Tenant admins and provincial reviewers, while the round is in provincial review or on notice. */
  canEdit: boolean;
}

/** The enrolled units: their title today, the provincial result, the outcome so far and its editor. */
export function RecheckTable({ tenant, view, canEdit }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<RecheckEntry | null>(null);
  const round = view.round;
  return (
    <>
      <Table<RecheckEntry>
        size="small"
        rowKey="applicationId"
        pagination={view.items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: "max-content" }}
        dataSource={view.items}
        onRow={(e) => ({ "data-testid": "recheck-row", "data-outcome": e.outcome?.outcome ?? "" }) as object}
        columns={[
          {
            key: "unit",
            title: t("titles.recheck.unit"),
            render: (_, e) => (
              <>
                <Link to="/t/$tenant/applications/$applicationId" params={{ tenant, applicationId: e.applicationId }}>
                  {e.unit.name}
                </Link>
                {e.unit.city ? (
                  <div>
                    <Typography.Text type="secondary">{e.unit.city}</Typography.Text>
                  </div>
                ) : null}
              </>
            ),
          },
          {
            key: "title",
            title: t("titles.recheck.title"),
            render: (_, e) => (
              <Space size={4} wrap>
                <span>{titleName(t, e.award.level)}</span>
                <span>{t("awards.termValue", { start: e.award.termStartYear, end: e.award.termEndYear })}</span>
                <AwardStatusTag award={{ status: e.award.status, held: e.award.state !== "expired" }} />
                {e.award.warningDeadline ? (
                  <Typography.Text type="warning">
                    {t("titles.deadline", { date: e.award.warningDeadline })}
                  </Typography.Text>
                ) : null}
              </Space>
            ),
          },
          {
            key: "aggregate",
            title: t("titles.recheck.aggregate"),
            align: "right",
            render: (_, e) =>
              e.provincial === null ? (
                "—"
              ) : e.provincial.vetoed ? (
                <Tag color="red">{t("titles.recheck.vetoed")}</Tag>
              ) : e.provincial.aggregate === null ? (
                "—"
              ) : (
                e.provincial.aggregate.toFixed(2)
              ),
          },
          {
            key: "outcome",
            title: t("titles.recheck.outcome"),
            render: (_, e) =>
              e.outcome ? (
                <>
                  <Tag color={OUTCOME_COLORS[e.outcome.outcome]} data-testid="recheck-outcome">
                    {t(`titles.outcome.${e.outcome.outcome}`)}
                  </Tag>
                  {e.outcome.deadline ? (
                    <Typography.Text type="warning">
                      {t("titles.deadline", { date: e.outcome.deadline })}
                    </Typography.Text>
                  ) : null}
                  {e.outcome.publicReason ? (
                    <div>
                      <Typography.Text type="secondary">
                        {t("titles.publicReasonIs", { reason: e.outcome.publicReason })}
                      </Typography.Text>
                    </div>
                  ) : null}
                </>
              ) : (
                <Typography.Text type="secondary">{t("titles.recheck.noOutcome")}</Typography.Text>
              ),
          },
          ...(canEdit
            ? [
                {
                  key: "action",
                  title: t("common.actions"),
                  render: (_: unknown, e: RecheckEntry) =>
                    e.allowed.length > 0 ? (
                      <Button size="small" onClick={() => setEditing(e)} data-testid="recheck-edit">
                        {e.outcome ? t("titles.recheck.change") : t("titles.recheck.set")}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {editing ? (
        <OutcomeModal
          open
          title={t("titles.recheck.modalTitle", { unit: editing.unit.name })}
          allowed={editing.allowed}
          initial={{
            outcome: editing.outcome?.outcome,
            reason: editing.outcome?.reason ?? undefined,
            publicReason: editing.outcome?.publicReason ?? undefined,
            deadline: editing.outcome?.deadline ?? undefined,
          }}
          onSubmit={async (input) => {
            try {
              await setTitleOutcome(tenant, editing, input);
              void message.success(t("titles.recheck.saved"));
            } finally {
              await queryClient.invalidateQueries({ queryKey: recheckQuery(tenant, round.id).queryKey });
            }
          }}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}
