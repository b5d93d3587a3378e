import { Button, Popconfirm, Space, Table, type TableColumnsType, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { RECORD_PAGE_SIZE, type RecordPage, type UnitRecord } from "../../api/records.ts";
import { AttachmentLinks } from "./AttachmentLinks.tsx";
import type { MeasureChoice } from "./use-published-measures.ts";

interface Props {
  tenant: string;
  data: RecordPage | undefined;
  loading: boolean;
  measures: MeasureChoice[];
  readOnly: boolean;
  filtered: boolean;
  onPage: (page: number) => void;
  onEdit: (record: UnitRecord) => void;
  onDelete: (record: UnitRecord) => Promise<unknown>;
}

/** The unit's records (台账), newest first, with their files and the measure each serves. */
export function RecordTable({ tenant, data, loading, measures, readOnly, filtered, onPage, onEdit, onDelete }: Props) {
  const { t } = useTranslation();
  const none = t("common.none");
  const quantity = (r: UnitRecord) =>
    r.quantity === null
      ? none
      : `${r.quantity} ${r.quantityUnit === "count" ? t("records.count") : t("records.hours")}`;
  const columns: TableColumnsType<UnitRecord> = [
    { title: t("records.date"), dataIndex: "date", width: 110 },
    {
      title: t("records.kind"),
      dataIndex: "kind",
      width: 100,
      render: (k: UnitRecord["kind"]) => <Tag>{t(`recordKind.${k}`)}</Tag>,
    },
    { title: t("records.title"), dataIndex: "title" },
    { title: t("records.people"), dataIndex: "people", width: 80, render: (p: number | null) => p ?? none },
    { title: t("records.quantity"), key: "quantity", width: 100, render: (_, r) => quantity(r) },
    {
      title: t("records.measure"),
      dataIndex: "measureKey",
      width: 200,
      render: (key: string | null) => (key ? (measures.find((m) => m.measureKey === key)?.title ?? key) : none),
    },
    {
      title: t("records.attachments"),
      key: "attachments",
      width: 160,
      render: (_, r) => <AttachmentLinks tenant={tenant} attachments={r.attachments} />,
    },
    ...(readOnly
      ? []
      : [
          {
            title: t("common.actions"),
            key: "actions",
            width: 130,
            render: (_: unknown, r: UnitRecord) => (
              <Space size={4}>
                <Button size="small" type="link" onClick={() => onEdit(r)}>
                  {t("common.edit")}
                </Button>
                <Popconfirm
                  title={t("records.deleteConfirm")}
                  okText={t("common.delete")}
                  cancelText={t("common.cancel")}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => onDelete(r)}
                >
                  <Button size="small" type="link" danger>
                    {t("common.delete")}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]),
  ];
  return (
    <Table<UnitRecord>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={data?.items}
      loading={loading}
      scroll={{ x: 1000 }}
      locale={{ emptyText: filtered ? t("records.emptyFiltered") : t("records.empty") }}
      pagination={{
        current: data?.page ?? 1,
        pageSize: RECORD_PAGE_SIZE,
        total: data?.total ?? 0,
        showSizeChanger: false,
        onChange: onPage,
      }}
      data-testid="record-table"
    />
  );
}
