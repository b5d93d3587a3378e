import { Alert, App, Button, Card, Col, Collapse, Grid, Row, Space, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Application } from "../../api/applications.ts";
import type { CriteriaSystem } from "../../api/criteria.ts";
import { errorText, hasCode } from "../../api/errors.ts";
import type { ScoreForm, Stage } from "../../api/scoring.ts";
import { beijingTime } from "../../format/time.ts";
import { useUnsavedGuard } from "../program/use-unsaved-guard.ts";
import { ReasonModal } from "../ReasonModal.tsx";
import { useFieldNav } from "./field-nav.ts";
import { ItemSections } from "./ItemSections.tsx";
import { NextTodoLink } from "./NextTodoLink.tsx";
import { SaveStatus } from "./SaveStatus.tsx";
import { StaleDialog } from "./StaleDialog.tsx";
import { TotalsPanel } from "./TotalsPanel.tsx";
import type { LinkedNames } from "./use-linked-names.ts";
import { useScoreDraft } from "./use-score-draft.ts";
import { VetoFindings } from "./VetoFindings.tsx";

interface Props {
  tenant: string;
  app: Application;
  system: CriteriaSystem;
  stage: Stage;
  form: ScoreForm;
  names: LinkedNames;
  /** The stage's review phase is over: changes go as proposals for a second reviewer to approve. */
  stageClosed: boolean;
}

const n2 = (n: number) => String(Math.round(n * 100) / 100);

/**
 * A reviewer scoring an application: the document with a score beside each item, the running totals, the
 * veto findings, autosave, and 提交评分 once every base item is scored.
 */
export function ScoringWorkspace({ tenant, app, system, stage, form, names, stageClosed }: Props) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  // Before antd has measured the screen, assume a desktop (it measures in a layout effect, so a phone never paints it).
  const wide = Grid.useBreakpoint().xl !== false;
  const draft = useScoreDraft({ tenant, applicationId: app.id, stage, system, initial: form });
  const { order, summary, server, editable } = draft;
  const codes = useMemo(() => order.map((o) => o.item.code), [order]);
  const nav = useFieldNav(codes);
  const [showMissing, setShowMissing] = useState(false);
  const [proposalOpen, setProposalOpen] = useState(false);
  useUnsavedGuard(editable && (draft.dirty || draft.saving));

  const titles = useMemo(() => new Map(order.map((o) => [o.item.code, o.item.title])), [order]);
  const jumpToCategory = (code: string) =>
    document.getElementById(`review-category-${code}`)?.scrollIntoView({ block: "start" });

  const submit = () => {
    if (summary.missing.length > 0) {
      setShowMissing(true);
      const first = summary.missing[0];
      if (first) nav.focus(first);
      return;
    }
    if (summary.problemCount > 0) {
      void message.error(t("scoring.fixProblems", { n: summary.problemCount }));
      return;
    }
    modal.confirm({
      title: t("scoring.submitTitle"),
      content: t("scoring.submitText", { total: n2(summary.totals.total), max: system.maxTotal }),
      okText: t("scoring.submit"),
      cancelText: t("common.cancel"),
      onOk: async () => {
        try {
          await draft.save(true);
          setShowMissing(false);
          void message.success(t("scoring.submitted"));
        } catch (error) {
          // A stale save opens its own dialog; anything else is said here.
          if (!hasCode(error, "stale_version")) void message.error(errorText(error, i18n.language));
        }
      },
    });
  };

  const missingAlert =
    showMissing && summary.missing.length > 0 ? (
      <Alert
        type="warning"
        showIcon
        closable={{ onClose: () => setShowMissing(false) }}
        title={t("scoring.missingTitle", { n: summary.missing.length })}
        description={
          <Space wrap size={[12, 4]}>
            {summary.missing.map((code) => (
              <Typography.Link key={code} onClick={() => nav.focus(code)} data-testid="missing-item">
                {`${code} ${titles.get(code) ?? ""}`}
              </Typography.Link>
            ))}
          </Space>
        }
        data-testid="missing-items"
      />
    ) : null;

  const status = (
    <SaveStatus
      dirty={draft.dirty}
      saving={draft.saving}
      savedAt={draft.savedAt}
      error={draft.error}
      failed={draft.failed}
      stale={draft.stale}
      editable={editable}
      problemCount={summary.problemCount}
      proposing={draft.proposing}
      onRetry={() => void draft.save(false).catch(() => undefined)}
    />
  );
  const submitButton = server.editable ? (
    <Button type="primary" onClick={submit} disabled={draft.saving || draft.stale !== null} data-testid="score-submit">
      {server.status === "submitted" ? t("scoring.resubmit") : t("scoring.submit")}
    </Button>
  ) : draft.proposing ? (
    <Space wrap>
      <Button type="primary" onClick={() => setProposalOpen(true)} disabled={!draft.dirty} data-testid="change-send">
        {t("scoring.changeSend")}
      </Button>
      <Button onClick={draft.cancelProposal}>{t("common.cancel")}</Button>
    </Space>
  ) : draft.canPropose && stageClosed ? (
    <Button onClick={draft.startProposal} data-testid="change-start">
      {t("scoring.changeStart")}
    </Button>
  ) : null;
  const baseCount = order.filter((o) => o.kind === "base").length;
  const progress = t("scoring.progress", { done: baseCount - summary.missing.length, all: baseCount });

  const head = (
    <Space orientation="vertical" style={{ width: "100%" }}>
      {draft.proposing ? (
        <Alert type="warning" showIcon title={t("scoring.changeMode")} data-testid="change-mode" />
      ) : null}
      {server.lockedReason && !draft.proposing ? (
        <Alert
          type="info"
          showIcon
          title={t("scoring.locked")}
          description={server.lockedReason}
          data-testid="form-locked"
        />
      ) : null}
      {server.status === "submitted" ? (
        <Alert
          type="success"
          showIcon
          title={t("scoring.submittedAt", { at: server.submittedAt ? beijingTime(server.submittedAt) : "" })}
          action={<NextTodoLink tenant={tenant} roundId={app.roundId} current={app.id} kind="score_forms" />}
          data-testid="form-submitted"
        />
      ) : null}
      {editable && wide ? <Typography.Text type="secondary">{t("scoring.keyboardHint")}</Typography.Text> : null}
      {missingAlert}
    </Space>
  );

  const body = (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <ItemSections
        tenant={tenant}
        app={app}
        system={system}
        names={names}
        scoring={{
          draft: draft.draft,
          problems: summary.itemProblems,
          editable,
          onChange: draft.setItem,
          nav,
          sourced: server.sourced,
        }}
        bonusNote={
          system.bonusItems.length > 0 ? t("scoring.countedSoFar", { n: n2(summary.totals.bonus) }) : undefined
        }
        deductionNote={
          system.deductionItems.length > 0 ? t("scoring.countedSoFar", { n: n2(summary.totals.deduction) }) : undefined
        }
      />
      <VetoFindings
        rules={system.vetoRules}
        findings={draft.draft.vetoFindings}
        problems={summary.findingProblems}
        editable={editable}
        onChange={draft.setFindings}
      />
    </Space>
  );

  const dialog = (
    <>
      <StaleDialog
        stale={draft.stale}
        order={order}
        mine={draft.draft}
        onKeepMine={draft.keepMine}
        onTakeTheirs={draft.takeTheirs}
      />
      <ReasonModal
        open={proposalOpen}
        title={t("scoring.changeTitle")}
        description={t("scoring.changeHint", { total: n2(summary.totals.total), before: n2(server.totals.total) })}
        okText={t("scoring.changeSend")}
        reasonRequired
        label={t("scoring.reasonRequiredAudited")}
        onConfirm={async (reason) => {
          await draft.propose(reason ?? "");
          void message.success(t("scoring.changeSent"));
        }}
        onClose={() => setProposalOpen(false)}
      />
    </>
  );

  if (wide) {
    return (
      <Row gutter={16} wrap={false}>
        <Col flex="auto" style={{ minWidth: 0 }}>
          <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
            {head}
            {body}
          </Space>
        </Col>
        <Col flex="300px">
          <Card size="small" style={{ position: "sticky", top: 16 }} data-testid="score-side">
            <Space orientation="vertical" style={{ width: "100%" }}>
              <TotalsPanel system={system} totals={summary.totals} onCategory={jumpToCategory} />
              <Typography.Text type="secondary" data-testid="score-progress">
                {progress}
              </Typography.Text>
              {status}
              {submitButton}
            </Space>
          </Card>
        </Col>
        {dialog}
      </Row>
    );
  }
  return (
    // A plain column, not a Space: the sticky bar must be a direct child of the tall box it sticks within.
    <div style={{ display: "flex", flexDirection: "column", gap: 16 }}>
      <Collapse
        size="small"
        items={[
          {
            key: "totals",
            label: t("scoring.breakdown"),
            children: <TotalsPanel system={system} totals={summary.totals} onCategory={jumpToCategory} compact />,
          },
        ]}
      />
      {head}
      {body}
      {/* A phone keeps the total, the save state and 提交评分 in view at the bottom. */}
      <Card
        size="small"
        style={{ position: "sticky", bottom: 0, zIndex: 10, boxShadow: "0 -2px 8px rgba(0,0,0,0.08)" }}
        data-testid="score-bar"
      >
        <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
          <Space orientation="vertical" size={0}>
            <Typography.Text strong data-testid="score-total-bar">
              {t("scoring.totalShort", { total: n2(summary.totals.total), max: system.maxTotal })}
            </Typography.Text>
            {status}
          </Space>
          {submitButton}
        </Space>
      </Card>
      {dialog}
    </div>
  );
}
