import { Button, Form, Input, Space } from "antd";
import { useTranslation } from "react-i18next";

/** A new entry for the list, by name. */
export function AddClassificationForm({ onAdd }: { onAdd: (name: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string }>();
  return (
    <Form<{ name: string }>
      form={form}
      layout="inline"
      onFinish={(values) => {
        onAdd(values.name.trim());
        form.resetFields();
      }}
    >
      <Space wrap>
        <Form.Item name="name" rules={[{ required: true, whitespace: true, max: 30, message: t("lists.nameRule") }]}>
          <Input placeholder={t("lists.name")} maxLength={30} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit">{t("lists.add")}</Button>
        </Form.Item>
      </Space>
    </Form>
  );
}
