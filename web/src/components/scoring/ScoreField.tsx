import { Input, Radio, Space, Typography } from "antd";
import { type KeyboardEvent, memo } from "react";
import { useTranslation } from "react-i18next";
import type { CriteriaItem } from "../../api/criteria.ts";
import { localizedMessage } from "../../api/errors.ts";
import { NumberInput } from "../NumberInput.tsx";
import type { DraftItem, ItemKind } from "./draft.ts";
import type { FieldNav } from "./field-nav.ts";

interface Props {
  item: CriteriaItem;
  kind: ItemKind;
  value: DraftItem | undefined;
  problems: string[] | undefined;
  editable: boolean;
  onChange: (code: string, patch: Partial<DraftItem>) => void;
  nav: FieldNav;
}

const COMMENT_MAX = 1000;

/** Points in steps of 0.5; what was typed stays as typed (the problems say what is wrong with it). */
function pointsOf(value: string | number | null): number | null {
  if (value === null || value === "") return null;
  const n = typeof value === "number" ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

/**
 * The score of one item beside its document: points (or a grade on the item's scale) and a comment.
 * Enter in the score, or Tab out of the comment, goes to the next item's score; arrow keys change a grade;
 * Delete clears it. Nothing here submits anything.
 */
export const ScoreField = memo(function ScoreField({ item, kind, value, problems, editable, onChange, nav }: Props) {
  const { t, i18n } = useTranslation();
  const code = item.code;
  const graded = item.mode === "graded";
  const hasProblem = (problems?.length ?? 0) > 0;

  const onScoreKey = (event: KeyboardEvent<HTMLFieldSetElement>) => {
    if (event.key === "Enter" && !event.nativeEvent.isComposing) {
      event.preventDefault();
      nav.next(code);
    } else if (graded && (event.key === "Delete" || event.key === "Backspace") && editable) {
      event.preventDefault();
      onChange(code, { grade: null });
    }
  };
  const onCommentKey = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Tab" && !event.shiftKey && nav.next(code)) event.preventDefault();
  };

  return (
    <Space orientation="vertical" size={6} style={{ width: "100%" }} data-testid={`score-${code}`} data-kind={kind}>
      {/* Keys bubble here from the points input or the grade's radios. */}
      <fieldset
        ref={(element) => nav.register(code, element)}
        aria-label={`${code} ${item.title}`}
        onKeyDown={onScoreKey}
        style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}
      >
        {graded ? (
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            disabled={!editable}
            value={value?.grade ?? null}
            onChange={(event) => onChange(code, { grade: event.target.value as string })}
            aria-label={t("scoring.gradeOf", { code })}
            data-testid="score-grade"
            options={item.grades.map((g) => ({
              value: g.grade,
              label: g.grade,
              title: t("scoring.gradeShare", {
                grade: g.grade,
                points: Math.round(g.share * item.maxPoints * 100) / 100,
              }),
            }))}
          />
        ) : (
          <Space size={6} align="center" wrap>
            <NumberInput
              disabled={!editable}
              // No min/max: out-of-range input stays as typed (antd would silently hold or clamp it) so the
              // total and the problem line show it.
              step={0.5}
              // "2", not "2.0": shown as typed while typing, as the plain number otherwise.
              // (An empty field comes as "" at run time whatever the type says.)
              formatter={(v, info) =>
                info.userTyping ? info.input : v === undefined || String(v) === "" ? "" : String(Number(v))
              }
              value={value?.points ?? null}
              status={hasProblem ? "error" : undefined}
              onChange={(v) => onChange(code, { points: pointsOf(v) })}
              placeholder={t("scoring.pointsPlaceholder")}
              aria-label={t("scoring.pointsOf", { code, max: item.maxPoints })}
              style={{ width: 110 }}
              data-testid="score-points"
            />
            <Typography.Text type="secondary">
              {kind === "deduction"
                ? t("scoring.deductionMax", { n: item.maxPoints })
                : t("scoring.outOf", { n: item.maxPoints })}
            </Typography.Text>
          </Space>
        )}
      </fieldset>
      {hasProblem ? (
        <Typography.Text type="danger" data-testid="score-problem">
          {problems?.map((m) => localizedMessage(m, i18n.language)).join("；")}
        </Typography.Text>
      ) : null}
      <Input.TextArea
        disabled={!editable}
        // Growing with its text costs a measurement per field: only comments with text (70 empty ones stay one row).
        autoSize={value?.comment ? { minRows: 1, maxRows: 6 } : false}
        rows={1}
        maxLength={COMMENT_MAX}
        value={value?.comment ?? ""}
        placeholder={t("scoring.commentPlaceholder")}
        onChange={(event) => onChange(code, { comment: event.target.value })}
        onKeyDown={onCommentKey}
        aria-label={t("scoring.commentOf", { code })}
        data-testid="score-comment"
      />
    </Space>
  );
});
