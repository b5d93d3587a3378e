import { Form, Input } from "antd";
import { useTranslation } from "react-i18next";

export const PASSWORD_MIN = 10;

interface Props {
  /** The API's messages about the new password (length, common, contains the email name…). */
  serverMessages: string[];
  testIdPrefix: string;
  /** Where the form keeps it: a field name or a path such as ["account", "password"]. */
  name?: string | [string, string];
}

/** A new password and its repetition, with the rules stated up front; the API has the last word. */
export function PasswordFields({ serverMessages, testIdPrefix, name = "password" }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        label={t("password.new")}
        name={name}
        extra={t("password.rules", { min: PASSWORD_MIN })}
        rules={[
          { required: true, message: t("password.required") },
          { min: PASSWORD_MIN, message: t("password.tooShort", { min: PASSWORD_MIN }) },
        ]}
        {...(serverMessages.length > 0 ? { validateStatus: "error" as const, help: serverMessages.join("；") } : {})}
      >
        <Input.Password autoComplete="new-password" data-testid={`${testIdPrefix}-password`} />
      </Form.Item>
      <Form.Item
        label={t("password.confirm")}
        name="confirm"
        dependencies={[name]}
        rules={[
          { required: true, message: t("password.confirmRequired") },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || getFieldValue(name) === value
                ? Promise.resolve()
                : Promise.reject(new Error(t("password.mismatch"))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid={`${testIdPrefix}-confirm`} />
      </Form.Item>
    </>
  );
}
