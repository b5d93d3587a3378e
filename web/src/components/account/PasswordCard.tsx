import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import { changePassword, sessionsQuery } from "../../api/account.ts";
import { errorText, fieldMessages } from "../../api/errors.ts";
import { PasswordFields } from "./PasswordFields.tsx";

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Change one's own password; the API ends every other session, so the list below refreshes. */
export function PasswordCard() {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: (values: Values) => changePassword(values.currentPassword, values.newPassword),
    onSuccess: () => {
      form.resetFields();
      void message.success(t("account.passwordChanged"));
      void queryClient.invalidateQueries({ queryKey: sessionsQuery().queryKey });
    },
  });
  const newMessages = fieldMessages(change.error, "newPassword", i18n.language);
  const fieldCurrent = fieldMessages(change.error, "currentPassword", i18n.language);
  // A wrong current password (or any other refusal) has no field of its own: show it by that input.
  const currentMessages =
    fieldCurrent.length > 0 || newMessages.length > 0 || !change.error
      ? fieldCurrent
      : [errorText(change.error, i18n.language)];

  return (
    <Card title={t("account.password")}>
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        disabled={change.isPending}
        onFinish={(values) => change.mutate(values)}
        style={{ maxWidth: 420 }}
      >
        <Form.Item
          label={t("account.currentPassword")}
          name="currentPassword"
          rules={[{ required: true, message: t("password.required") }]}
          {...(currentMessages.length > 0
            ? { validateStatus: "error" as const, help: currentMessages.join("；") }
            : {})}
        >
          <Input.Password autoComplete="current-password" data-testid="current-password" />
        </Form.Item>
        <PasswordFields name="newPassword" serverMessages={newMessages} testIdPrefix="new" />
        <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="change-password">
          {t("account.changePassword")}
        </Button>
      </Form>
    </Card>
  );
}
