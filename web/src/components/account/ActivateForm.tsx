import { Alert, Button, Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import type { ActivationInfo } from "../../api/account.ts";
import { errorText, fieldMessages, hasCode } from "../../api/errors.ts";
import { PasswordFields } from "./PasswordFields.tsx";

export interface ActivateValues {
  email?: string;
  displayName?: string;
  password: string;
  confirm: string;
}

interface Props {
  info: ActivationInfo;
  busy: boolean;
  error: unknown;
  onSubmit: (values: ActivateValues) => void;
}

/** Email (only when the account has none yet), name, and the new password twice. */
export function ActivateForm({ info, busy, error, onSubmit }: Props) {
  const { t, i18n } = useTranslation();
  const emailMessages = hasCode(error, "email_taken")
    ? [errorText(error, i18n.language)]
    : fieldMessages(error, "email", i18n.language);
  const passwordMessages = fieldMessages(error, "password", i18n.language);
  const general = error && emailMessages.length === 0 && passwordMessages.length === 0;

  return (
    <Form<ActivateValues>
      layout="vertical"
      requiredMark={false}
      disabled={busy}
      initialValues={{ displayName: info.displayName }}
      onFinish={onSubmit}
    >
      {general ? (
        <Alert type="error" showIcon title={errorText(error, i18n.language)} style={{ marginBottom: 16 }} />
      ) : null}
      {info.email === null ? (
        <Form.Item
          label={t("activate.email")}
          name="email"
          extra={t("activate.emailHint")}
          rules={[
            { required: true, message: t("login.emailRequired") },
            { type: "email", message: t("login.emailInvalid") },
          ]}
          {...(emailMessages.length > 0 ? { validateStatus: "error" as const, help: emailMessages.join("；") } : {})}
        >
          <Input type="email" autoComplete="username" data-testid="activate-email" />
        </Form.Item>
      ) : (
        <Form.Item label={t("activate.email")}>
          <Input value={info.email} disabled autoComplete="username" data-testid="activate-email-fixed" />
        </Form.Item>
      )}
      {info.purpose === "activation" ? (
        <Form.Item
          label={t("activate.displayName")}
          name="displayName"
          rules={[{ required: true, whitespace: true, max: 60, message: t("activate.displayNameRequired") }]}
        >
          <Input maxLength={60} autoComplete="name" data-testid="activate-name" />
        </Form.Item>
      ) : null}
      <PasswordFields serverMessages={passwordMessages} testIdPrefix="activate" />
      <Button type="primary" htmlType="submit" block loading={busy} data-testid="activate-submit">
        {info.purpose === "reset" ? t("activate.submitReset") : t("activate.submit")}
      </Button>
    </Form>
  );
}
