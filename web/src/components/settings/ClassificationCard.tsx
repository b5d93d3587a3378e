import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Input, Space, Table, type TableColumnsType, Tag } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../api/errors.ts";
import { type ClassificationListName, classificationsQuery, saveClassifications } from "../../api/settings.ts";
import { QueryErrorResult } from "../QueryErrorResult.tsx";
import { AddClassificationForm } from "./AddClassificationForm.tsx";
import { type DraftItem, draftFrom, move, newCode, sameList, toInput } from "./classification-draft.ts";

interface Props {
  tenant: string;
  list: ClassificationListName;
  title: string;
}

/** An editable list (sectors or unit kinds): add, rename, reorder, archive; nothing is ever deleted. */
export function ClassificationCard({ tenant, list, title }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const saved = useQuery(classificationsQuery(tenant, list));
  const [draft, setDraft] = useState<DraftItem[]>([]);
  const [added, setAdded] = useState(0);
  const save = useMutation({
    mutationFn: (items: DraftItem[]) => saveClassifications(tenant, list, toInput(items)),
    onSuccess: (result) => {
      queryClient.setQueryData(classificationsQuery(tenant, list).queryKey, result);
      void queryClient.invalidateQueries({ queryKey: ["t", tenant, "unit-filters"] });
      void message.success(t("lists.saved"));
    },
  });

  useEffect(() => {
    if (saved.data) setDraft(draftFrom(saved.data.items));
  }, [saved.data]);

  const original = saved.data ? draftFrom(saved.data.items) : [];
  const dirty = saved.data !== undefined && !sameList(draft, original);
  const patch = (key: string, change: Partial<DraftItem>) =>
    setDraft((items) => items.map((item) => (item.key === key ? { ...item, ...change } : item)));

  const columns: TableColumnsType<DraftItem> = [
    {
      title: t("lists.order"),
      key: "order",
      width: 96,
      render: (_, _item, index) => (
        <Space size={0}>
          <Button
            size="small"
            type="text"
            aria-label={t("lists.up")}
            disabled={index === 0}
            onClick={() => setDraft((items) => move(items, index, -1))}
          >
            ↑
          </Button>
          <Button
            size="small"
            type="text"
            aria-label={t("lists.down")}
            disabled={index === draft.length - 1}
            onClick={() => setDraft((items) => move(items, index, 1))}
          >
            ↓
          </Button>
        </Space>
      ),
    },
    {
      title: t("lists.name"),
      key: "name",
      render: (_, item) => (
        <Input
          value={item.name}
          maxLength={30}
          status={item.name.trim() ? undefined : "error"}
          onChange={(event) => patch(item.key, { name: event.target.value })}
          aria-label={t("lists.name")}
          suffix={item.id ? undefined : <Tag color="blue">{t("lists.new")}</Tag>}
        />
      ),
    },
    {
      title: t("lists.inUse"),
      key: "inUse",
      width: 110,
      align: "right",
      render: (_, item) => t("lists.units", { count: item.inUse }),
    },
    {
      title: t("lists.state"),
      key: "archived",
      width: 180,
      render: (_, item) => (
        <Space>
          {item.archived ? <Tag>{t("lists.archived")}</Tag> : <Tag color="success">{t("lists.inService")}</Tag>}
          <Button size="small" type="link" onClick={() => patch(item.key, { archived: !item.archived })}>
            {item.archived ? t("lists.unarchive") : t("lists.archive")}
          </Button>
        </Space>
      ),
    },
  ];

  if (saved.isError) {
    return (
      <Card title={title}>
        <QueryErrorResult error={saved.error} onRetry={() => void saved.refetch()} />
      </Card>
    );
  }
  const invalid = draft.some((item) => !item.name.trim());
  return (
    <Card
      title={title}
      extra={
        <Space>
          <Button disabled={!dirty || save.isPending} onClick={() => setDraft(original)}>
            {t("lists.undo")}
          </Button>
          <Button
            type="primary"
            disabled={!dirty || invalid}
            loading={save.isPending}
            onClick={() => save.mutate(draft)}
          >
            {t("common.save")}
          </Button>
        </Space>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        <Alert type="info" showIcon title={t("lists.hint")} />
        {save.error ? <Alert type="error" showIcon title={errorText(save.error, i18n.language)} /> : null}
        <Table<DraftItem>
          rowKey="key"
          size="small"
          loading={saved.isPending}
          dataSource={draft}
          columns={columns}
          pagination={false}
          scroll={{ x: 640 }}
          rowClassName={(item) => (item.archived ? "wm-row-archived" : "")}
        />
        <AddClassificationForm
          onAdd={(name) => {
            setAdded((n) => n + 1);
            setDraft((items) => [...items, { key: `new-${added}`, code: newCode(), name, archived: false, inUse: 0 }]);
          }}
        />
      </Space>
    </Card>
  );
}
