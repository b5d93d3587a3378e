import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { App, Button, Card, Space, Table, type TableColumnsType, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type SurveyLink, surveyLinksQuery, surveyUrl } from "../../api/survey.ts";
import { QueryErrorResult } from "../QueryErrorResult.tsx";
import { usePhone } from "../responsive.ts";

const PAGE_SIZE = 20;

/** Each applying unit's survey link: copy it, or print its poster; with the answers counted so far. */
export function SurveyLinks({ tenant, roundId }: { tenant: string; roundId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const phone = usePhone();
  const [page, setPage] = useState(1);
  const links = useQuery(surveyLinksQuery(tenant, roundId, page, PAGE_SIZE));

  const copy = async (path: string) => {
    try {
      await navigator.clipboard.writeText(surveyUrl(path));
      void message.success(t("survey.copied"));
    } catch {
      // Some in-app browsers refuse the clipboard: show the link so it can be copied by hand.
      void message.info(surveyUrl(path), 8);
    }
  };

  const actions = (row: SurveyLink) => (
    <Space size={4} wrap>
      <Button size="small" data-testid="survey-copy-link" onClick={() => void copy(row.path)}>
        {t("survey.copyLink")}
      </Button>
      <Link
        to="/t/$tenant/applications/$applicationId/survey/poster"
        params={{ tenant, applicationId: row.applicationId }}
        data-testid="survey-poster-link"
      >
        {t("survey.printPoster")}
      </Link>
    </Space>
  );
  const city = (row: SurveyLink) => row.city ?? t("common.none");
  // On a phone one column holds the unit, its city and answers, and the actions: nothing to scroll sideways to.
  const columns: TableColumnsType<SurveyLink> = phone
    ? [
        {
          title: t("survey.unit"),
          key: "unit",
          render: (_, row) => (
            <Space orientation="vertical" size={4}>
              <span>{row.unitName}</span>
              <Typography.Text type="secondary">
                {city(row)} · {t("survey.answers")} {row.counted}
              </Typography.Text>
              {actions(row)}
            </Space>
          ),
        },
      ]
    : [
        { title: t("survey.unit"), dataIndex: "unitName", key: "unit" },
        { title: t("survey.city"), key: "city", render: (_, row) => city(row) },
        { title: t("survey.answers"), dataIndex: "counted", key: "counted", align: "right" },
        { title: t("common.actions"), key: "actions", render: (_, row) => actions(row) },
      ];

  return (
    <Card title={t("survey.links")} data-testid="survey-links">
      {links.isError ? (
        <QueryErrorResult error={links.error} onRetry={() => void links.refetch()} />
      ) : (
        <Table<SurveyLink>
          size="small"
          rowKey="applicationId"
          columns={columns}
          dataSource={links.data?.items}
          loading={links.isPending}
          locale={{ emptyText: t("survey.linksEmpty") }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: links.data?.total ?? 0,
            showSizeChanger: false,
            hideOnSinglePage: true,
            onChange: setPage,
          }}
        />
      )}
    </Card>
  );
}
