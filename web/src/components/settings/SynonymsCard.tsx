import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Empty, Input, Skeleton, Space, Typography } from "antd";
import type { CSSProperties } from "react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText, hasCode, localizedFieldEntries, localizedMessage } from "../../api/errors.ts";
import { type SynonymList, saveSynonyms, synonymListProblems, synonymsKey, synonymsQuery } from "../../api/synonyms.ts";
import { QueryErrorResult } from "../QueryErrorResult.tsx";

/** One pair as edited; `key` keeps React rows stable while pairs are added and removed. */
interface Row {
  key: number;
  term: string;
  means: string;
}

/** The edited list and the version it started from: a background reload must not move the version under it. */
interface Draft {
  version: number;
  rows: Row[];
}

const TERM_MAX = 30;
const MEANS_MAX = 60;
const MIN_CHARS = 2;
/** term → means, remove; the inputs shrink (minmax 0) so a row fits a 390 px phone. */
const GRID: CSSProperties = {
  display: "grid",
  gridTemplateColumns: "minmax(0, 1fr) auto minmax(0, 1.4fr) auto",
  alignItems: "center",
  columnGap: 8,
  rowGap: 2,
  paddingBlock: 4,
};

const rowsOf = (list: SynonymList): Row[] => list.items.map((s, key) => ({ key, ...s }));
const trimmed = (rows: Row[]) => rows.map((r) => ({ term: r.term.trim(), means: r.means.trim() }));

/** Messages per row index from field paths such as `items.3.means` or `items.3`. */
function byRow(entries: Array<[string, string[]]>): Map<number, string[]> {
  const rows = new Map<number, string[]>();
  for (const [field, messages] of entries) {
    const index = /^items\.(\d+)/.exec(field)?.[1];
    if (index !== undefined) rows.set(Number(index), [...(rows.get(Number(index)) ?? []), ...messages]);
  }
  return rows;
}

/**
 * The office's synonym list (近义词表): what units write → what the criteria say, used when suggesting criteria
 * items for report paragraphs. Saved as a whole list over the version it was loaded at.
 */
export function SynonymsCard({ tenant }: { tenant: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const saved = useQuery(synonymsQuery(tenant));
  const [draft, setDraft] = useState<Draft | null>(null);
  const [nextKey, setNextKey] = useState(1000);
  const save = useMutation({
    mutationFn: (edited: Draft) => saveSynonyms(tenant, { items: trimmed(edited.rows), version: edited.version }),
    onSuccess: (result) => {
      queryClient.setQueryData(synonymsKey(tenant), result);
      setDraft(null);
      void message.success(t("synonyms.saved"));
    },
  });

  if (saved.isError) {
    return (
      <Card title={t("synonyms.title")}>
        <QueryErrorResult error={saved.error} onRetry={() => void saved.refetch()} />
      </Card>
    );
  }

  const list = saved.data;
  const rows = draft?.rows ?? (list ? rowsOf(list) : []);
  const dirty =
    draft !== null && list !== undefined && JSON.stringify(trimmed(draft.rows)) !== JSON.stringify(list.items);
  const edit = (change: (rows: Row[]) => Row[]) => {
    if (!list) return;
    setDraft((current) => ({ version: current?.version ?? list.version, rows: change(current?.rows ?? rowsOf(list)) }));
    save.reset();
  };
  const patch = (key: number, change: Partial<Row>) =>
    edit((all) => all.map((row) => (row.key === key ? { ...row, ...change } : row)));

  const lengthProblem = (text: string, max: number) =>
    text.trim().length < MIN_CHARS || text.trim().length > max
      ? t("synonyms.lengthRule", { min: MIN_CHARS, max })
      : null;
  const listProblems = byRow(
    Object.entries(synonymListProblems(trimmed(rows))).map(([field, messages]) => [
      field,
      messages.map((m) => localizedMessage(m, i18n.language)),
    ]),
  );
  const serverProblems = byRow(localizedFieldEntries(save.error, i18n.language));
  const invalid =
    listProblems.size > 0 ||
    rows.some((r) => lengthProblem(r.term, TERM_MAX) !== null || lengthProblem(r.means, MEANS_MAX) !== null);
  const stale = hasCode(save.error, "stale_version");

  const reloadLatest = () => {
    setDraft(null);
    save.reset();
    void queryClient.invalidateQueries({ queryKey: synonymsKey(tenant) });
  };

  const problemText = (messages: Array<string | null>) => {
    const shown = messages.filter((m): m is string => m !== null);
    return shown.length > 0 ? (
      <Typography.Text type="danger" style={{ fontSize: 12 }}>
        {shown.join("；")}
      </Typography.Text>
    ) : null;
  };

  const pairRow = (row: Row, index: number) => {
    const termProblem = row.term === "" ? null : lengthProblem(row.term, TERM_MAX);
    const meansProblems = [
      row.means === "" ? null : lengthProblem(row.means, MEANS_MAX),
      ...(listProblems.get(index) ?? []),
      ...(serverProblems.get(index) ?? []),
    ];
    const termText = problemText([termProblem]);
    const meansText = problemText(meansProblems);
    return (
      <div key={row.key} style={GRID} data-testid="synonym-row">
        <Input
          value={row.term}
          maxLength={TERM_MAX}
          placeholder={t("synonyms.termPlaceholder")}
          status={termProblem ? "error" : undefined}
          aria-label={t("synonyms.term")}
          data-testid="synonym-term"
          onChange={(event) => patch(row.key, { term: event.target.value })}
        />
        <span aria-hidden>→</span>
        <Input
          value={row.means}
          maxLength={MEANS_MAX}
          placeholder={t("synonyms.meansPlaceholder")}
          status={meansProblems.some((p) => p !== null) ? "error" : undefined}
          aria-label={t("synonyms.means")}
          data-testid="synonym-means"
          onChange={(event) => patch(row.key, { means: event.target.value })}
        />
        <Button
          type="link"
          danger
          style={{ paddingInline: 4 }}
          onClick={() => edit((all) => all.filter((r) => r.key !== row.key))}
        >
          {t("synonyms.remove")}
        </Button>
        {termText || meansText ? (
          <>
            {termText ?? <span />}
            <span />
            {meansText ?? <span />}
          </>
        ) : null}
      </div>
    );
  };

  return (
    <Card
      title={t("synonyms.title")}
      data-testid="synonyms-card"
      extra={
        <Space wrap>
          <Button disabled={!dirty || save.isPending} onClick={() => setDraft(null)}>
            {t("synonyms.undo")}
          </Button>
          <Button
            type="primary"
            disabled={!dirty || invalid || stale}
            loading={save.isPending}
            data-testid="synonyms-save"
            onClick={() => draft && save.mutate(draft)}
          >
            {t("common.save")}
          </Button>
        </Space>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        <Alert type="info" showIcon title={t("synonyms.hint")} />
        {stale ? (
          <Alert
            type="warning"
            showIcon
            data-testid="synonyms-stale"
            title={t("synonyms.stale")}
            action={
              <Button size="small" onClick={reloadLatest}>
                {t("synonyms.reload")}
              </Button>
            }
          />
        ) : save.error && serverProblems.size === 0 ? (
          <Alert type="error" showIcon title={errorText(save.error, i18n.language)} />
        ) : null}
        {saved.isPending ? (
          <Skeleton active paragraph={{ rows: 4 }} />
        ) : (
          <div>
            <div style={{ ...GRID, fontWeight: 500, paddingBottom: 8 }}>
              <span>{t("synonyms.term")}</span>
              <span />
              <span>{t("synonyms.means")}</span>
            </div>
            {rows.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("synonyms.empty")} />
            ) : (
              rows.map(pairRow)
            )}
          </div>
        )}
        <Space wrap style={{ width: "100%", justifyContent: "space-between" }}>
          <Button
            disabled={!list || save.isPending}
            data-testid="synonyms-add"
            onClick={() => {
              setNextKey((k) => k + 1);
              edit((all) => [...all, { key: nextKey, term: "", means: "" }]);
            }}
          >
            {t("synonyms.add")}
          </Button>
          <Typography.Text type="secondary">{t("synonyms.count", { count: rows.length })}</Typography.Text>
        </Space>
      </Space>
    </Card>
  );
}
