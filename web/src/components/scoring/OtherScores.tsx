import { useQuery } from "@tanstack/react-query";
import { Alert, Card, Empty, Table, type TableColumnsType, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { CriteriaSystem } from "../../api/criteria.ts";
import { type ApplicationScores, scoresQuery } from "../../api/scoring.ts";
import { QueryErrorResult } from "../QueryErrorResult.tsx";
import { scoredItems, scoreText } from "./draft.ts";

type ReviewerForm = ApplicationScores["forms"][number];

const n2 = (n: number) => String(Math.round(n * 100) / 100);

/**
 * Every reviewer's form on this application, per item on demand. Blind first pass: while the reader's own form
 * is unsubmitted the server sends none, and this says why.
 */
export function OtherScores({
  tenant,
  applicationId,
  system,
}: {
  tenant: string;
  applicationId: string;
  system: CriteriaSystem;
}) {
  const { t } = useTranslation();
  const scores = useQuery(scoresQuery(tenant, applicationId));
  const order = scoredItems(system);
  const vetoText = new Map(system.vetoRules.map((r) => [r.id, r.text]));
  const none = t("common.none");
  const columns: TableColumnsType<ReviewerForm> = [
    { title: t("scoring.reviewer"), key: "reviewer", render: (_, f) => f.reviewer.name },
    { title: t("scoring.stage"), key: "stage", width: 96, render: (_, f) => t(`scoring.stageName.${f.stage}`) },
    {
      title: t("scoring.formStatus"),
      key: "status",
      width: 96,
      render: (_, f) => (
        <Tag color={f.status === "submitted" ? "success" : "default"}>{t(`scoring.formStatusName.${f.status}`)}</Tag>
      ),
    },
    { title: t("scoring.base"), key: "base", width: 80, render: (_, f) => n2(f.totals.base) },
    { title: t("scoring.bonus"), key: "bonus", width: 80, render: (_, f) => n2(f.totals.bonus) },
    { title: t("scoring.deduction"), key: "deduction", width: 80, render: (_, f) => n2(f.totals.deduction) },
    {
      title: t("scoring.total"),
      key: "total",
      width: 90,
      render: (_, f) => (
        <span data-testid="other-total">
          {n2(f.totals.total)}
          {f.vetoFindings.length > 0 ? (
            <Tag color="error" style={{ marginInlineStart: 6 }}>
              {t("scoring.vetoShort")}
            </Tag>
          ) : null}
        </span>
      ),
    },
  ];
  const detail = (f: ReviewerForm) => {
    const byCode = new Map(f.items.map((s) => [s.itemCode, s]));
    return (
      <>
        {f.vetoFindings.map((v) => (
          <Alert
            key={v.ruleId}
            type="error"
            showIcon
            style={{ marginBottom: 8 }}
            title={`${v.ruleId} ${vetoText.get(v.ruleId) ?? ""}`}
            description={v.reason}
          />
        ))}
        <Table
          size="small"
          rowKey={(o) => o.item.code}
          pagination={false}
          scroll={{ x: 560 }}
          dataSource={order.filter((o) => byCode.has(o.item.code))}
          columns={[
            { title: t("scoring.item"), key: "item", render: (_, o) => `${o.item.code} ${o.item.title}` },
            {
              title: t("scoring.score"),
              key: "score",
              width: 80,
              render: (_, o) => scoreText(byCode.get(o.item.code), none),
            },
            {
              title: t("scoring.comment"),
              key: "comment",
              width: 240,
              render: (_, o) => byCode.get(o.item.code)?.comment || none,
            },
          ]}
        />
      </>
    );
  };
  return (
    <Card size="small" title={t("scoring.othersTitle")} data-testid="other-scores">
      {scores.isError ? (
        <QueryErrorResult error={scores.error} onRetry={() => void scores.refetch()} />
      ) : scores.data?.blind ? (
        <Typography.Text type="secondary" data-testid="scores-blind">
          {t("scoring.blind")}
        </Typography.Text>
      ) : (
        <Table<ReviewerForm>
          size="small"
          rowKey={(f) => `${f.reviewer.id}-${f.stage}`}
          loading={scores.isPending}
          pagination={false}
          scroll={{ x: 620 }}
          columns={columns}
          dataSource={scores.data?.forms ?? []}
          expandable={{ expandedRowRender: detail }}
          locale={{
            emptyText: scores.isPending ? (
              " "
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("scoring.noScores")} />
            ),
          }}
        />
      )}
    </Card>
  );
}
