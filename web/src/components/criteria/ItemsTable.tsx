import { Table, type TableColumnsType, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { CriteriaItem } from "../../api/criteria.ts";
import { gradesSummary } from "./grades.ts";

/** Read-only items: code, title, points, mode (with each grade's share), method, guidance and the evidence rule. */
export function ItemsTable({ items }: { items: CriteriaItem[] }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<CriteriaItem> = [
    { title: t("criteria.code"), dataIndex: "code", width: 90 },
    {
      title: t("criteria.title"),
      dataIndex: "title",
      render: (title: string, item) => (
        <>
          <div>{title}</div>
          {item.guidance ? <Typography.Text type="secondary">{item.guidance}</Typography.Text> : null}
        </>
      ),
    },
    { title: t("criteria.points"), dataIndex: "maxPoints", width: 70 },
    {
      title: t("criteria.mode"),
      dataIndex: "mode",
      width: 170,
      render: (_: unknown, item) =>
        item.mode === "graded" ? (
          <>
            <div>{t("scoringMode.graded")}</div>
            <Typography.Text type="secondary" data-testid={`grades-view-${item.code}`}>
              {gradesSummary(item.grades)}
            </Typography.Text>
          </>
        ) : (
          t("scoringMode.points")
        ),
    },
    {
      title: t("criteria.method"),
      dataIndex: "method",
      width: 110,
      render: (m: CriteriaItem["method"]) => <Tag>{t(`method.${m}`)}</Tag>,
    },
    {
      title: t("criteria.evidence"),
      key: "evidence",
      width: 190,
      // An item needing no file says so rather than "at least 0 files".
      render: (_, item) =>
        item.evidence.minFiles > 0
          ? t("criteria.evidenceRule", { files: item.evidence.minFiles, chars: item.evidence.maxNoteChars })
          : t("criteria.evidenceOptional", { chars: item.evidence.maxNoteChars }),
    },
  ];
  return (
    <Table<CriteriaItem>
      rowKey="code"
      size="small"
      columns={columns}
      dataSource={items}
      pagination={false}
      locale={{ emptyText: t("criteria.noItems") }}
    />
  );
}
