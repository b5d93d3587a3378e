import { Alert, Button, Modal, Space, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type Draft, differingItems, draftFromForm, type ScoredItem, scoreText } from "./draft.ts";
import type { StaleSave } from "./use-score-draft.ts";

interface Props {
  stale: StaleSave | null;
  order: readonly ScoredItem[];
  mine: Draft;
  onKeepMine: () => Promise<unknown>;
  onTakeTheirs: () => void;
}

interface Row {
  code: string;
  title: string;
  mine: string;
  theirs: string;
}

/**
 * Someone (another tab) saved this form first. Lists the items where the saved values differ from the ones
 * here, and lets the reviewer keep theirs (saved over the new version) or take the saved ones. Nothing is merged.
 */
export function StaleDialog({ stale, order, mine, onKeepMine, onTakeTheirs }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  if (!stale) return null;
  const theirs = draftFromForm(stale.current);
  const none = t("common.none");
  const cell = (d: Draft, code: string) => {
    const s = d.items[code];
    const score = scoreText(s, none);
    return s?.comment.trim() ? `${score}（${s.comment.trim()}）` : score;
  };
  const rows: Row[] = differingItems(order, mine, theirs).map(({ item }) => ({
    code: item.code,
    title: item.title,
    mine: cell(mine, item.code),
    theirs: cell(theirs, item.code),
  }));
  const findingsDiffer = JSON.stringify(mine.vetoFindings) !== JSON.stringify(theirs.vetoFindings);
  return (
    <Modal
      open
      closable={false}
      maskClosable={false}
      keyboard={false}
      title={t("scoring.staleTitle")}
      width={720}
      footer={
        <Space wrap style={{ justifyContent: "flex-end" }}>
          <Button onClick={onTakeTheirs} disabled={busy} data-testid="stale-take-theirs">
            {t("scoring.staleTakeTheirs")}
          </Button>
          <Button
            type="primary"
            loading={busy}
            onClick={async () => {
              setBusy(true);
              try {
                await onKeepMine();
              } catch {
                // The page's save state shows what went wrong.
              } finally {
                setBusy(false);
              }
            }}
            data-testid="stale-keep-mine"
          >
            {t("scoring.staleKeepMine")}
          </Button>
        </Space>
      }
    >
      <Space orientation="vertical" style={{ width: "100%" }} data-testid="stale-dialog">
        <Typography.Paragraph>{t("scoring.staleText", { version: stale.current.version })}</Typography.Paragraph>
        {stale.current.status === "submitted" ? (
          <Alert type="warning" showIcon title={t("scoring.staleSubmitted")} />
        ) : null}
        <Table<Row>
          size="small"
          rowKey="code"
          pagination={false}
          scroll={{ x: 520, y: 320 }}
          dataSource={rows}
          locale={{ emptyText: findingsDiffer ? t("scoring.staleOnlyFindings") : t("scoring.staleSame") }}
          columns={[
            { title: t("scoring.item"), key: "item", width: 200, render: (_, r) => `${r.code} ${r.title}` },
            { title: t("scoring.staleMine"), dataIndex: "mine", width: 160 },
            { title: t("scoring.staleTheirs"), dataIndex: "theirs", width: 160 },
          ]}
          data-testid="stale-rows"
        />
        {findingsDiffer && rows.length > 0 ? <Typography.Text>{t("scoring.staleFindingsToo")}</Typography.Text> : null}
      </Space>
    </Modal>
  );
}
