import { Alert, App, DatePicker, Form, Input, Modal, Radio, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { TITLE_OUTCOMES, type TitleOutcome } from "../../../../worker/domain/vocabulary.ts";
import { errorText, localizedFieldEntries } from "../../api/errors.ts";
import type { OutcomeInput } from "../../api/titles.ts";

interface Values {
  outcome: TitleOutcome;
  reason: string;
  publicReason?: string;
  deadline?: Dayjs;
}

/** Outcomes the public reads a reason for (the title's public page says why it is warned or ended). */
const NEEDS_PUBLIC_REASON: readonly TitleOutcome[] = ["warn", "revoke", "lapse"];
/** Outcomes that end a title: asked once more. */
const endsTitle = (outcome: TitleOutcome): outcome is "revoke" | "lapse" => outcome === "revoke" || outcome === "lapse";

interface Props {
  open: boolean;
  /** "调整称号状态：<title>" or the unit's name in a re-check. */
  title: string;
  /** The outcomes the title's state accepts today; the others are offered disabled. */
  allowed: readonly TitleOutcome[];
  initial?: Partial<OutcomeInput>;
  onSubmit: (input: OutcomeInput) => Promise<unknown>;
  onClose: () => void;
}

/**
 * 保留 / 黄牌警告 / 恢复 / 撤销 / 自动终止 with the rules the Worker enforces: a warning needs a deadline; a warning,
 * revocation or lapse needs a public reason; revoking or lapsing is confirmed once more.
 */
export function OutcomeModal({ open, title, allowed, initial, onSubmit, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const { modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const outcome = Form.useWatch("outcome", form);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string[] | null>(null);

  const submit = async (values: Values) => {
    setBusy(true);
    setFailure(null);
    try {
      await onSubmit({
        outcome: values.outcome,
        reason: values.reason.trim(),
        ...(values.publicReason?.trim() ? { publicReason: values.publicReason.trim() } : {}),
        ...(values.outcome === "warn" && values.deadline ? { deadline: values.deadline.format("YYYY-MM-DD") } : {}),
      });
      onClose();
    } catch (error) {
      const fields = localizedFieldEntries(error, i18n.language).flatMap(([, messages]) => messages);
      setFailure([errorText(error, i18n.language), ...fields]);
    } finally {
      setBusy(false);
    }
  };
  const finish = (values: Values) => {
    const chosen = values.outcome;
    if (!endsTitle(chosen)) return void submit(values);
    modal.confirm({
      title: t(`titles.confirm.${chosen}.title`),
      content: t(`titles.confirm.${chosen}.text`),
      okText: t(`titles.outcome.${chosen}`),
      okButtonProps: { danger: true, "data-testid": "outcome-confirm" },
      cancelText: t("common.cancel"),
      onOk: () => submit(values),
    });
  };

  return (
    <Modal
      open={open}
      title={title}
      okText={t("titles.modal.submit")}
      cancelText={t("common.cancel")}
      okButtonProps={{ loading: busy, "data-testid": "outcome-submit" }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t("titles.modal.hint")}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          outcome: initial?.outcome,
          reason: initial?.reason,
          publicReason: initial?.publicReason,
          deadline: initial?.deadline ? dayjs(initial.deadline) : undefined,
        }}
        onFinish={finish}
      >
        <Form.Item
          name="outcome"
          label={t("titles.modal.outcome")}
          rules={[{ required: true, message: t("titles.modal.outcomeRequired") }]}
        >
          <Radio.Group data-testid="outcome-choice">
            {TITLE_OUTCOMES.map((o) => (
              <Radio key={o} value={o} disabled={!allowed.includes(o)} data-testid={`outcome-${o}`}>
                {t(`titles.outcome.${o}`)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        {outcome === "warn" ? (
          <Form.Item
            name="deadline"
            label={t("titles.modal.deadline")}
            rules={[{ required: true, message: t("titles.modal.deadlineRequired") }]}
          >
            <DatePicker style={{ width: "100%" }} data-testid="outcome-deadline" />
          </Form.Item>
        ) : null}
        <Form.Item
          name="reason"
          label={t("titles.modal.reason")}
          extra={t("titles.modal.reasonHint")}
          rules={[{ required: true, min: 2, whitespace: true, message: t("titles.modal.reasonRequired") }]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="outcome-reason" />
        </Form.Item>
        <Form.Item
          name="publicReason"
          label={t("titles.modal.publicReason")}
          extra={t("titles.modal.publicReasonHint")}
          rules={[
            {
              required: outcome !== undefined && NEEDS_PUBLIC_REASON.includes(outcome),
              min: 2,
              whitespace: true,
              message: t("titles.modal.publicReasonRequired"),
            },
          ]}
        >
          <Input maxLength={200} showCount data-testid="outcome-public-reason" />
        </Form.Item>
      </Form>
      {failure ? (
        <Alert
          type="error"
          showIcon
          title={failure[0]}
          description={failure.length > 1 ? failure.slice(1).join("；") : undefined}
          data-testid="outcome-error"
        />
      ) : null}
    </Modal>
  );
}
