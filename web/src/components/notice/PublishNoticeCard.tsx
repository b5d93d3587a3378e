import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, DatePicker, Form, Input, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../api/errors.ts";
import { noticeKey, publishNotice } from "../../api/notice.ts";
import { type Round, roundsKey } from "../../api/rounds.ts";
import { beijingToday } from "./dates.ts";

interface Values {
  startsOn: Dayjs;
  title?: string;
  contact: string;
}

/** 发布公示: the shortlist goes public for the tenant's notice length; asked once more before it does. */
export function PublishNoticeCard({ tenant, round, listed }: { tenant: string; round: Round; listed: number }) {
  const { t, i18n } = useTranslation();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [failure, setFailure] = useState<string | null>(null);

  const publish = async (values: Values) => {
    setFailure(null);
    try {
      await publishNotice(tenant, round, {
        startsOn: values.startsOn.format("YYYY-MM-DD"),
        contact: values.contact.trim(),
        ...(values.title?.trim() ? { title: values.title.trim() } : {}),
      });
      void message.success(t("notice.publish.done"));
    } catch (error) {
      setFailure(errorText(error, i18n.language));
    } finally {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: roundsKey(tenant) }),
        queryClient.invalidateQueries({ queryKey: noticeKey(tenant, round.id) }),
      ]);
    }
  };

  const confirm = (values: Values) => {
    modal.confirm({
      title: t("notice.publish.confirmTitle"),
      content: t("notice.publish.confirmText", { count: listed, start: values.startsOn.format("YYYY-MM-DD") }),
      okText: t("notice.publish.submit"),
      cancelText: t("common.cancel"),
      okButtonProps: { "data-testid": "notice-publish-confirm" },
      onOk: () => publish(values),
    });
  };

  return (
    <Card title={t("notice.publish.title")} data-testid="notice-publish">
      <Typography.Paragraph type="secondary">{t("notice.publish.hint")}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ startsOn: dayjs(beijingToday()) }}
        onFinish={confirm}
        style={{ maxWidth: 560 }}
      >
        <Form.Item name="startsOn" label={t("notice.publish.startsOn")} rules={[{ required: true }]}>
          <DatePicker style={{ width: "100%" }} allowClear={false} data-testid="notice-starts-on" />
        </Form.Item>
        <Form.Item name="title" label={t("notice.publish.noticeTitle")} extra={t("notice.publish.titleDefault")}>
          <Input maxLength={120} data-testid="notice-title" />
        </Form.Item>
        <Form.Item
          name="contact"
          label={t("notice.publish.contact")}
          extra={t("notice.publish.contactHint")}
          rules={[{ required: true, min: 5, whitespace: true, message: t("notice.publish.contactRequired") }]}
        >
          <Input.TextArea rows={2} maxLength={200} showCount data-testid="notice-contact" />
        </Form.Item>
        {failure ? (
          <Alert
            type="error"
            showIcon
            title={failure}
            style={{ marginBottom: 12 }}
            data-testid="notice-publish-error"
          />
        ) : null}
        <Button type="primary" htmlType="submit" disabled={listed === 0} data-testid="notice-publish-submit">
          {t("notice.publish.submit")}
        </Button>
      </Form>
    </Card>
  );
}
