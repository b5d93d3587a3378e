import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Input, Radio, Select, Space, Tag, Typography } from "antd";
import type { CSSProperties, ReactNode } from "react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { addDays } from "../../../../worker/domain/notice-window.ts";
import { DEFAULT_OPTIONS } from "../../../../worker/domain/questionnaire.ts";
import { errorText, hasCode, localizedFieldEntries } from "../../api/errors.ts";
import {
  BELOW_MINIMUM_RULES,
  type SaveSurveyInput,
  SURVEY_AUDIENCES,
  type SurveyQuestion,
  type SurveyView,
  saveSurvey,
  surveyKey,
} from "../../api/survey.ts";
import { NumberInput } from "../NumberInput.tsx";
import { beijingToday } from "../notice/dates.ts";

type Draft = Omit<SaveSurveyInput, "version">;

/** A new questionnaire's window: from today for 30 days, Beijing days (the owner changes it as needed). */
const DEFAULT_DAYS = 30;
const MAX_OPTIONS = 7;
const MAX_QUESTIONS = 40;
const MAX_BANDS = 6;
const QUESTION_MIN_CHARS = 4;

const FIELD: CSSProperties = { display: "flex", flexDirection: "column", gap: 4, minWidth: 0 };
/** Option label, value, remove: the label shrinks so a row fits a 390 px phone. */
const OPTION_ROW: CSSProperties = {
  display: "grid",
  gridTemplateColumns: "minmax(0, 1fr) 88px auto",
  gap: 8,
  alignItems: "center",
};

function draftOf(view: SurveyView): Draft {
  const today = beijingToday();
  return {
    questions: view.questions,
    minAnswers: view.minAnswers,
    belowMinimum: view.belowMinimum,
    gradeBands: view.gradeBands,
    opensOn: view.opensOn ?? today,
    closesOn: view.closesOn ?? addDays(today, DEFAULT_DAYS - 1),
  };
}

/** The first of Q1, Q2 … no question uses yet. */
function nextId(questions: readonly SurveyQuestion[]): string {
  const used = new Set(questions.map((q) => q.id));
  let n = questions.length + 1;
  while (used.has(`Q${n}`)) n += 1;
  return `Q${n}`;
}

const percent = (value: number) => Math.round(value * 1000) / 10;

function Labelled({ label, children, problems }: { label: ReactNode; children: ReactNode; problems?: string[] }) {
  return (
    <div style={FIELD}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      {children}
      {problems && problems.length > 0 ? <Typography.Text type="danger">{problems.join("；")}</Typography.Text> : null}
    </div>
  );
}

/**
 * The round's questionnaire as its owner edits it (reviewers read it): the questions, each mapped to a survey-method
 * item with its audience and answer options, the sample rules, the grade bands and the window. One save, over the
 * version it was loaded at.
 */
export function SurveyEditor({ tenant, roundId, view }: { tenant: string; roundId: string; view: SurveyView }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<{ version: number; value: Draft } | null>(null);
  const save = useMutation({
    mutationFn: (edited: { version: number; value: Draft }) =>
      saveSurvey(tenant, roundId, { version: edited.version, ...edited.value }),
    onSuccess: (saved) => {
      queryClient.setQueryData([...surveyKey(tenant), "round", roundId], saved);
      setDraft(null);
      void message.success(t("survey.saved"));
    },
  });
  const editable = view.editable;
  const value = draft?.value ?? draftOf(view);
  const edit = (change: (current: Draft) => Draft) => {
    setDraft((current) => ({
      version: current?.version ?? view.version,
      value: change(current?.value ?? draftOf(view)),
    }));
    save.reset();
  };
  const setQuestion = (index: number, change: Partial<SurveyQuestion>) =>
    edit((d) => ({ ...d, questions: d.questions.map((q, i) => (i === index ? { ...q, ...change } : q)) }));

  const serverProblems = localizedFieldEntries(save.error, i18n.language);
  const problemsAt = (prefix: string) =>
    serverProblems.filter(([field]) => field === prefix || field.startsWith(`${prefix}.`)).flatMap(([, m]) => m);
  const stale = hasCode(save.error, "stale_version");
  const invalid =
    value.questions.length === 0 ||
    value.questions.some(
      (q) =>
        q.text.trim().length < QUESTION_MIN_CHARS || q.options.length < 2 || q.options.some((o) => !o.label.trim()),
    ) ||
    !value.opensOn ||
    !value.closesOn;
  const dirty = draft !== null || !view.configured;
  const itemOptions = view.items.map((item) => ({ value: item.code, label: `${item.code} ${item.title}` }));

  const questionCard = (question: SurveyQuestion, index: number) => (
    <Card
      key={question.id}
      size="small"
      type="inner"
      data-testid="survey-question"
      title={t("survey.question", { n: index + 1 })}
      extra={
        editable ? (
          <Button
            type="link"
            danger
            size="small"
            disabled={value.questions.length <= 1}
            onClick={() => edit((d) => ({ ...d, questions: d.questions.filter((_, i) => i !== index) }))}
          >
            {t("survey.removeQuestion")}
          </Button>
        ) : null
      }
    >
      <Space orientation="vertical" size="small" style={{ width: "100%" }}>
        <Labelled label={t("survey.questionText")}>
          <Input.TextArea
            value={question.text}
            maxLength={200}
            autoSize={{ minRows: 1, maxRows: 4 }}
            readOnly={!editable}
            status={question.text.trim().length < QUESTION_MIN_CHARS ? "error" : undefined}
            data-testid="survey-question-text"
            onChange={(event) => setQuestion(index, { text: event.target.value })}
          />
        </Labelled>
        <Labelled label={t("survey.item")}>
          <Select
            value={question.itemCode}
            options={itemOptions}
            disabled={!editable}
            popupMatchSelectWidth={false}
            style={{ width: "100%" }}
            onChange={(itemCode: string) => setQuestion(index, { itemCode })}
          />
        </Labelled>
        <Labelled label={t("survey.audience")}>
          <Radio.Group
            value={question.audience}
            disabled={!editable}
            onChange={(event) => setQuestion(index, { audience: event.target.value })}
            options={SURVEY_AUDIENCES.map((a) => ({ value: a, label: t(`survey.audienceOption.${a}`) }))}
          />
        </Labelled>
        <Labelled label={t("survey.options")}>
          {question.options.map((option, o) => (
            // Options have no identity of their own beyond their place in the scale.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <div key={o} style={OPTION_ROW}>
              <Input
                value={option.label}
                maxLength={20}
                readOnly={!editable}
                aria-label={t("survey.optionLabel")}
                status={option.label.trim() ? undefined : "error"}
                onChange={(event) =>
                  setQuestion(index, {
                    options: question.options.map((x, i) => (i === o ? { ...x, label: event.target.value } : x)),
                  })
                }
              />
              <NumberInput
                value={option.value}
                min={0}
                max={1}
                step={0.1}
                readOnly={!editable}
                aria-label={t("survey.optionValue")}
                style={{ width: "100%" }}
                onChange={(v) =>
                  setQuestion(index, {
                    options: question.options.map((x, i) => (i === o ? { ...x, value: v ?? 0 } : x)),
                  })
                }
              />
              {editable ? (
                <Button
                  type="link"
                  danger
                  size="small"
                  style={{ paddingInline: 4 }}
                  disabled={question.options.length <= 2}
                  onClick={() => setQuestion(index, { options: question.options.filter((_, i) => i !== o) })}
                >
                  {t("common.delete")}
                </Button>
              ) : (
                <span />
              )}
            </div>
          ))}
          {editable && question.options.length < MAX_OPTIONS ? (
            <Button
              size="small"
              style={{ alignSelf: "flex-start" }}
              onClick={() => setQuestion(index, { options: [...question.options, { label: "", value: 0 }] })}
            >
              {t("survey.addOption")}
            </Button>
          ) : null}
        </Labelled>
        {problemsAt(`questions.${index}`).length > 0 ? (
          <Typography.Text type="danger">{problemsAt(`questions.${index}`).join("；")}</Typography.Text>
        ) : null}
      </Space>
    </Card>
  );

  return (
    <Card
      title={t("survey.editorTitle")}
      data-testid="survey-editor"
      extra={
        view.configured ? (
          <Tag color={view.open ? "green" : "default"}>{view.open ? t("survey.open") : t("survey.closed")}</Tag>
        ) : null
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        {!editable ? <Alert type="info" showIcon title={t("survey.readOnly")} /> : null}
        {editable && !view.configured ? (
          <Alert type="info" showIcon title={t("survey.notConfigured")} data-testid="survey-default" />
        ) : null}
        {view.items.length === 0 ? <Alert type="warning" showIcon title={t("survey.noItems")} /> : null}
        <Space wrap size="middle" align="start">
          <Labelled label={t("survey.opensOn")} problems={problemsAt("opensOn")}>
            <Input
              type="date"
              value={value.opensOn}
              readOnly={!editable}
              data-testid="survey-opens-on"
              onChange={(event) => edit((d) => ({ ...d, opensOn: event.target.value }))}
            />
          </Labelled>
          <Labelled label={t("survey.closesOn")} problems={problemsAt("closesOn")}>
            <Input
              type="date"
              value={value.closesOn}
              readOnly={!editable}
              data-testid="survey-closes-on"
              onChange={(event) => edit((d) => ({ ...d, closesOn: event.target.value }))}
            />
          </Labelled>
          <Labelled label={t("survey.minAnswers")} problems={problemsAt("minAnswers")}>
            <NumberInput
              value={value.minAnswers}
              min={1}
              max={5000}
              precision={0}
              readOnly={!editable}
              data-testid="survey-min-answers"
              onChange={(v) => edit((d) => ({ ...d, minAnswers: v ?? 1 }))}
            />
          </Labelled>
          <Labelled label={t("survey.belowMinimum")} problems={problemsAt("belowMinimum")}>
            <Radio.Group
              value={value.belowMinimum}
              disabled={!editable}
              optionType="button"
              onChange={(event) => edit((d) => ({ ...d, belowMinimum: event.target.value }))}
              options={BELOW_MINIMUM_RULES.map((r) => ({ value: r, label: t(`survey.belowMinimumRule.${r}`) }))}
            />
          </Labelled>
        </Space>
        <Labelled label={t("survey.gradeBands")} problems={problemsAt("gradeBands")}>
          <Space wrap>
            {value.gradeBands.map((band, b) => (
              <NumberInput
                // biome-ignore lint/suspicious/noArrayIndexKey: a band is its place in the grade order
                key={b}
                value={percent(band)}
                min={0}
                max={100}
                suffix="%"
                readOnly={!editable}
                aria-label={t("survey.gradeBand", { n: b + 1 })}
                style={{ width: 96 }}
                onChange={(v) =>
                  edit((d) => ({ ...d, gradeBands: d.gradeBands.map((x, i) => (i === b ? (v ?? 0) / 100 : x)) }))
                }
              />
            ))}
            {editable && value.gradeBands.length < MAX_BANDS ? (
              <Button size="small" onClick={() => edit((d) => ({ ...d, gradeBands: [...d.gradeBands, 0] }))}>
                {t("survey.addBand")}
              </Button>
            ) : null}
            {editable && value.gradeBands.length > 0 ? (
              <Button
                size="small"
                danger
                type="link"
                onClick={() => edit((d) => ({ ...d, gradeBands: d.gradeBands.slice(0, -1) }))}
              >
                {t("survey.removeBand")}
              </Button>
            ) : null}
          </Space>
        </Labelled>
        {value.questions.map(questionCard)}
        {problemsAt("questions").length > 0 && value.questions.length === 0 ? (
          <Typography.Text type="danger">{problemsAt("questions").join("；")}</Typography.Text>
        ) : null}
        {stale ? (
          <Alert
            type="warning"
            showIcon
            data-testid="survey-stale"
            title={t("survey.stale")}
            action={
              <Button
                size="small"
                onClick={() => {
                  setDraft(null);
                  save.reset();
                  void queryClient.invalidateQueries({ queryKey: [...surveyKey(tenant), "round", roundId] });
                }}
              >
                {t("survey.reload")}
              </Button>
            }
          />
        ) : save.error && serverProblems.length === 0 ? (
          <Alert type="error" showIcon title={errorText(save.error, i18n.language)} data-testid="survey-error" />
        ) : null}
        {editable ? (
          <Space wrap style={{ width: "100%", justifyContent: "space-between" }}>
            <Button
              disabled={value.questions.length >= MAX_QUESTIONS || view.items.length === 0}
              data-testid="survey-add-question"
              onClick={() =>
                edit((d) => ({
                  ...d,
                  questions: [
                    ...d.questions,
                    {
                      id: nextId(d.questions),
                      text: "",
                      itemCode: view.items[0]?.code ?? "",
                      audience: "public",
                      // Respondents read Chinese whatever the owner's UI language: the default scale.
                      options: DEFAULT_OPTIONS.map((o) => ({ ...o })),
                    },
                  ],
                }))
              }
            >
              {t("survey.addQuestion")}
            </Button>
            <Space wrap>
              <Button disabled={draft === null || save.isPending} onClick={() => setDraft(null)}>
                {t("survey.undo")}
              </Button>
              <Button
                type="primary"
                disabled={!dirty || invalid || stale}
                loading={save.isPending}
                data-testid="survey-save"
                onClick={() => save.mutate(draft ?? { version: view.version, value })}
              >
                {t("common.save")}
              </Button>
            </Space>
          </Space>
        ) : null}
      </Space>
    </Card>
  );
}
