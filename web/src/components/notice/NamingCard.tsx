import { useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Input, Result, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiFailure } from "../../api/client.ts";
import { errorText } from "../../api/errors.ts";
import { type NoticeEntry, nameRound, noticeKey } from "../../api/notice.ts";
import { type Blocker, blockersOf } from "../../api/ranking.ts";
import { type Round, roundsKey } from "../../api/rounds.ts";
import { beijingToday } from "./dates.ts";

interface Values {
  documentRef: string;
  namedOn: Dayjs;
  termStartsNextYear: boolean;
}

interface Props {
  tenant: string;
  round: Round;
  entries: NoticeEntry[];
  canName: boolean;
}

function PublicAwardsLink({ tenant }: { tenant: string }) {
  const { t } = useTranslation();
  return (
    <Link to="/offices/$tenant/awards" params={{ tenant }} target="_blank" data-testid="naming-public-link">
      {t("notice.naming.publicList")}
    </Link>
  );
}

/**
 * 命名表彰: what remains on the list becomes titles. Refused (409 phase_blocked) while an objection is open or the
 * window runs; then the Worker's own list of what stands in the way is shown.
 */
export function NamingCard({ tenant, round, entries, canName }: Props) {
  const { t, i18n } = useTranslation();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [blockers, setBlockers] = useState<Blocker[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const listed = entries.filter((e) => e.status === "listed");
  const en = i18n.language.startsWith("en");

  if (round.phase === "named") {
    return (
      <Card data-testid="naming-done">
        <Result
          status="success"
          title={t("notice.naming.done", { count: listed.length })}
          subTitle={<PublicAwardsLink tenant={tenant} />}
        >
          <ol style={{ margin: 0 }} data-testid="named-units">
            {listed.map((e) => (
              <li key={e.entryId}>{e.unitName}</li>
            ))}
          </ol>
        </Result>
      </Card>
    );
  }
  if (round.phase !== "notice" || !canName) return null;

  const name = async (values: Values) => {
    setFailure(null);
    setBlockers(null);
    try {
      await nameRound(tenant, round, {
        documentRef: values.documentRef.trim(),
        namedOn: values.namedOn.format("YYYY-MM-DD"),
        termStartsNextYear: values.termStartsNextYear,
      });
      void message.success(t("notice.naming.success"));
    } catch (error) {
      const listedBlockers =
        error instanceof ApiFailure && error.code === "phase_blocked" ? blockersOf(error.current) : null;
      setBlockers(listedBlockers);
      setFailure(errorText(error, i18n.language));
    } finally {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: roundsKey(tenant) }),
        queryClient.invalidateQueries({ queryKey: noticeKey(tenant, round.id) }),
      ]);
    }
  };
  const confirm = (values: Values) =>
    modal.confirm({
      title: t("notice.naming.confirmTitle"),
      content: t("notice.naming.confirmText", { count: listed.length, ref: values.documentRef.trim() }),
      okText: t("notice.naming.submit"),
      cancelText: t("common.cancel"),
      okButtonProps: { "data-testid": "naming-confirm" },
      onOk: () => name(values),
    });

  return (
    <Card title={t("notice.naming.title")} data-testid="naming">
      <Typography.Paragraph type="secondary">{t("notice.naming.hint")}</Typography.Paragraph>
      {failure ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={failure}
          data-testid="naming-refused"
          description={
            blockers && blockers.length > 0 ? (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {blockers.map((b) => (
                  <li key={b.code} data-testid="naming-blocker" data-code={b.code}>
                    {en ? b.messageEn : b.message}
                  </li>
                ))}
              </ul>
            ) : undefined
          }
        />
      ) : null}
      <Form<Values>
        layout="vertical"
        initialValues={{ namedOn: dayjs(beijingToday()), termStartsNextYear: false }}
        onFinish={confirm}
        style={{ maxWidth: 560 }}
      >
        <Form.Item
          name="documentRef"
          label={t("notice.naming.documentRef")}
          rules={[{ required: true, min: 4, whitespace: true, message: t("notice.naming.documentRefRequired") }]}
        >
          <Input
            maxLength={100}
            placeholder={t("notice.naming.documentRefExample")}
            data-testid="naming-document-ref"
          />
        </Form.Item>
        <Form.Item name="namedOn" label={t("notice.naming.namedOn")} rules={[{ required: true }]}>
          <DatePicker style={{ width: "100%" }} allowClear={false} data-testid="naming-named-on" />
        </Form.Item>
        <Form.Item name="termStartsNextYear" valuePropName="checked" extra={t("notice.naming.termStartsNextYearHint")}>
          <Checkbox data-testid="naming-term-next-year">{t("notice.naming.termStartsNextYear")}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="naming-submit">
          {t("notice.naming.submit")}
        </Button>
      </Form>
    </Card>
  );
}
