import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Col, DatePicker, Form, Input, Modal, Row, Select, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { HELD_STATUSES, type HeldStatus } from "../../../../worker/domain/eligibility.ts";
import { type AwardInput, awardsKey, recordAward } from "../../api/awards.ts";
import { errorText, fieldMessages, fieldNames } from "../../api/errors.ts";
import { ROUND_LEVELS, type RoundLevel } from "../../api/rounds.ts";
import { beijingYear } from "../../format/time.ts";
import { NumberInput } from "../NumberInput.tsx";
import { titleName } from "./title-name.ts";

interface Values {
  level: RoundLevel;
  termStartYear: number;
  termEndYear?: number | null;
  namedOn: Dayjs;
  validUntil?: Dayjs | null;
  status: HeldStatus;
  documentRef?: string;
}

const DAY = "YYYY-MM-DD";
const FIELDS: ReadonlyArray<keyof Values> = [
  "level",
  "termStartYear",
  "termEndYear",
  "namedOn",
  "validUntil",
  "status",
  "documentRef",
];

function inputOf(values: Values): AwardInput {
  const documentRef = values.documentRef?.trim();
  return {
    level: values.level,
    termStartYear: values.termStartYear,
    namedOn: values.namedOn.format(DAY),
    status: values.status,
    ...(values.termEndYear ? { termEndYear: values.termEndYear } : {}),
    ...(values.validUntil ? { validUntil: values.validUntil.format(DAY) } : {}),
    ...(documentRef ? { documentRef } : {}),
  };
}

interface Props {
  tenant: string;
  unitId: string;
  open: boolean;
  onClose: () => void;
}

/** Records a title the unit held before the system, so rounds can check it. */
export function AwardFormModal({ tenant, unitId, open, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (values: Values) => recordAward(tenant, unitId, inputOf(values)),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: awardsKey(tenant, unitId) });
      void message.success(t("awards.recorded"));
      onClose();
    },
    onError: (error) => {
      const named = fieldNames(error).filter((name): name is keyof Values => FIELDS.includes(name as keyof Values));
      form.setFields(named.map((name) => ({ name, errors: fieldMessages(error, name, i18n.language) })));
    },
  });
  const thisYear = beijingYear();
  return (
    <Modal
      open={open}
      width={720}
      title={t("awards.recordTitle")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      okButtonProps={{ loading: save.isPending, "data-testid": "award-submit" }}
      onOk={() => form.submit()}
      onCancel={onClose}
      afterClose={() => save.reset()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t("awards.recordHint")}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ level: "city", termStartYear: thisYear - 1, status: "active" }}
        onFinish={(values) => save.mutate(values)}
      >
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="level" label={t("awards.level")} rules={[{ required: true }]}>
              <Select
                options={ROUND_LEVELS.map((l) => ({ value: l, label: titleName(t, l) }))}
                data-testid="award-level"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="status" label={t("awards.status")} rules={[{ required: true }]}>
              <Select options={HELD_STATUSES.map((s) => ({ value: s, label: t(`awards.statusName.${s}`) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="termStartYear" label={t("awards.termStartYear")} rules={[{ required: true }]}>
              <NumberInput min={1980} max={2100} style={{ width: "100%" }} data-testid="award-start" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="termEndYear" label={t("awards.termEndYear")} extra={t("awards.termEndYearHint")}>
              <NumberInput min={1980} max={2100} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="namedOn" label={t("awards.namedOn")} rules={[{ required: true }]}>
              <DatePicker style={{ width: "100%" }} data-testid="award-named-on" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="validUntil" label={t("awards.validUntil")} extra={t("awards.validUntilHint")}>
              <DatePicker style={{ width: "100%" }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="documentRef" label={t("awards.documentRef")} rules={[{ max: 100 }]}>
          <Input placeholder={t("awards.documentRefPlaceholder")} />
        </Form.Item>
      </Form>
      {save.error ? <Alert type="error" showIcon title={errorText(save.error, i18n.language)} /> : null}
    </Modal>
  );
}
