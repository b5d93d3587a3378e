import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Col, DatePicker, Form, Input, Modal, Row, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../api/errors.ts";
import {
  createRecord,
  type QuantityUnit,
  RECORD_KINDS,
  type RecordInput,
  type RecordKind,
  recordsKey,
  type UnitRecord,
  updateRecord,
  uploadAttachment,
} from "../../api/records.ts";
import { beijingDate } from "../../format/time.ts";
import { NumberInput } from "../NumberInput.tsx";
import { AttachmentPicker } from "./AttachmentPicker.tsx";
import { measureOptions } from "./record-labels.ts";
import type { MeasureChoice } from "./use-published-measures.ts";

interface Values {
  date: Dayjs;
  kind: RecordKind;
  title: string;
  people?: number | null;
  quantity?: number | null;
  quantityUnit?: QuantityUnit;
  measureKey?: string;
  note?: string;
}

interface Props {
  tenant: string;
  unitId: string;
  /** The record being edited, or null for a new one. */
  record: UnitRecord | null;
  measures: MeasureChoice[];
  onClose: () => void;
}

function toInput(values: Values, measures: MeasureChoice[]): RecordInput {
  const measure = measures.find((m) => m.measureKey === values.measureKey);
  const quantity = values.quantity ?? null;
  return {
    date: values.date.format("YYYY-MM-DD"),
    kind: values.kind,
    title: values.title.trim(),
    people: values.people ?? null,
    quantity,
    quantityUnit: quantity === null ? null : (values.quantityUnit ?? "hours"),
    programId: measure?.programId ?? null,
    measureKey: measure?.measureKey ?? null,
    note: values.note?.trim() || null,
  };
}

/** New or edited record (台账); its files upload after the record is saved. */
export function RecordFormModal({ tenant, unitId, record, measures, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<File[]>([]);
  const save = useMutation({
    mutationFn: async (values: Values) => {
      const input = toInput(values, measures);
      const saved = record ? await updateRecord(tenant, record, input) : await createRecord(tenant, unitId, input);
      const failed: string[] = [];
      for (const file of files) {
        try {
          await uploadAttachment(tenant, saved.id, file);
        } catch (error) {
          failed.push(`${file.name}：${errorText(error, i18n.language)}`);
        }
      }
      return failed;
    },
    onSuccess: (failed) => {
      void queryClient.invalidateQueries({ queryKey: recordsKey(tenant, unitId) });
      if (failed.length > 0) void message.error(t("records.uploadFailed", { files: failed.join("；") }));
      else void message.success(t("records.saved"));
      onClose();
    },
  });

  const initial: Partial<Values> = record
    ? {
        date: dayjs(record.date),
        kind: record.kind,
        title: record.title,
        people: record.people,
        quantity: record.quantity,
        quantityUnit: record.quantityUnit ?? "hours",
        ...(record.measureKey ? { measureKey: record.measureKey } : {}),
        note: record.note ?? "",
      }
    : { date: dayjs(beijingDate(new Date().toISOString())), kind: "volunteer", quantityUnit: "hours" };

  return (
    <Modal
      open
      title={record ? t("records.editTitle") : t("records.newTitle")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      okButtonProps={{ loading: save.isPending, "data-testid": "record-submit" }}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={720}
      destroyOnHidden
    >
      {save.error ? (
        <Alert type="error" showIcon title={errorText(save.error, i18n.language)} style={{ marginBottom: 16 }} />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(values) => save.mutate(values)}
        disabled={save.isPending}
      >
        <Row gutter={12}>
          <Col xs={12} md={8}>
            <Form.Item
              label={t("records.date")}
              name="date"
              rules={[{ required: true, message: t("records.dateRequired") }]}
            >
              <DatePicker
                style={{ width: "100%" }}
                disabledDate={(d) => d.format("YYYY-MM-DD") > beijingDate(new Date().toISOString())}
                data-testid="record-date"
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item label={t("records.kind")} name="kind" rules={[{ required: true }]}>
              <Select
                options={RECORD_KINDS.map((k) => ({ value: k, label: t(`recordKind.${k}`) }))}
                data-testid="record-kind"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t("records.people")} name="people">
              <NumberInput<number>
                min={0}
                max={100_000}
                precision={0}
                style={{ width: "100%" }}
                data-testid="record-people"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          label={t("records.title")}
          name="title"
          rules={[{ required: true, whitespace: true, message: t("records.titleRequired") }]}
        >
          <Input maxLength={200} data-testid="record-title" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={12} md={8}>
            <Form.Item label={t("records.quantity")} name="quantity">
              <NumberInput<number> min={0} max={1_000_000} style={{ width: "100%" }} data-testid="record-quantity" />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item label={t("records.unit")} name="quantityUnit">
              <Select
                options={[
                  { value: "hours", label: t("records.hours") },
                  { value: "count", label: t("records.count") },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={t("records.measure")}
              name="measureKey"
              extra={measures.length === 0 ? t("records.noMeasures") : undefined}
            >
              <Select
                allowClear
                showSearch={{ optionFilterProp: "label" }}
                options={measureOptions(measures)}
                data-testid="record-measure"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t("records.note")} name="note">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item label={t("records.attachments")} extra={t("records.attachmentsHint")}>
          <AttachmentPicker files={files} existing={record?.attachments.length ?? 0} onChange={setFiles} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
