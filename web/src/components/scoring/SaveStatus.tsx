import { Button, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { beijingTime } from "../../format/time.ts";
import type { ScoreDraft } from "./use-score-draft.ts";

type Props = Pick<ScoreDraft, "dirty" | "saving" | "savedAt" | "error" | "failed" | "stale" | "editable"> & {
  problemCount: number;
  proposing: boolean;
  onRetry: () => void;
};

/** Where the draft stands: saving, saved (when), unsaved (and why it waits), or failed (with retry). */
export function SaveStatus(props: Props) {
  const { dirty, saving, savedAt, error, failed, stale, editable, problemCount, proposing, onRetry } = props;
  const { t } = useTranslation();
  let state: "saving" | "saved" | "clean" | "dirty" | "invalid" | "error" | "stale" | "locked" | "proposing";
  if (proposing) state = "proposing";
  else if (!editable) state = "locked";
  else if (saving) state = "saving";
  else if (stale) state = "stale";
  else if (failed) state = "error";
  else if (dirty && problemCount > 0) state = "invalid";
  else if (dirty) state = "dirty";
  else state = savedAt ? "saved" : "clean";
  const text: Record<typeof state, string> = {
    locked: t("scoring.stateLocked"),
    proposing: t("scoring.stateProposing"),
    saving: t("scoring.stateSaving"),
    stale: t("scoring.stateStale"),
    error: t("scoring.stateError", { message: error ?? "" }),
    invalid: t("scoring.stateInvalid", { n: problemCount }),
    dirty: t("scoring.stateDirty"),
    saved: t("scoring.stateSaved", { at: savedAt ? beijingTime(savedAt.toISOString()).slice(11) : "" }),
    clean: t("scoring.stateClean"),
  };
  const type =
    state === "error" || state === "invalid" || state === "stale"
      ? "danger"
      : state === "dirty"
        ? "warning"
        : "secondary";
  return (
    <Space size={4} wrap role="status" aria-live="polite">
      <Typography.Text type={type} data-testid="save-state" data-state={state}>
        {text[state]}
      </Typography.Text>
      {state === "error" ? (
        <Button size="small" type="link" onClick={onRetry} data-testid="save-retry">
          {t("common.retry")}
        </Button>
      ) : null}
    </Space>
  );
}
