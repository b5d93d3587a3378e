import { Button, Form, Input, Space } from "antd";
import { useTranslation } from "react-i18next";
import { CODE_PATTERN } from "./classification-draft.ts";

interface Values {
  name: string;
  code: string;
}

/** A new entry for the list; codes must be unique within the list. */
export function AddClassificationForm({ codes, onAdd }: { codes: string[]; onAdd: (values: Values) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  return (
    <Form<Values>
      form={form}
      layout="inline"
      onFinish={(values) => {
        onAdd({ name: values.name.trim(), code: values.code.trim() });
        form.resetFields();
      }}
    >
      <Space wrap>
        <Form.Item name="name" rules={[{ required: true, whitespace: true, max: 30, message: t("lists.nameRule") }]}>
          <Input placeholder={t("lists.name")} maxLength={30} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          name="code"
          rules={[
            { required: true, pattern: CODE_PATTERN, message: t("lists.codeRule") },
            {
              validator: (_, value: string | undefined) =>
                value && codes.includes(value.trim())
                  ? Promise.reject(new Error(t("lists.codeTaken")))
                  : Promise.resolve(),
            },
          ]}
        >
          <Input placeholder={t("lists.codePlaceholder")} maxLength={30} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit">{t("lists.add")}</Button>
        </Form.Item>
      </Space>
    </Form>
  );
}
