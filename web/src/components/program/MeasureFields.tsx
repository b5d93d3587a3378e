import { Col, DatePicker, Form, Input, Row, Select } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { NumberInput } from "../NumberInput.tsx";
import { type DraftItem, MEASURE_STATUSES } from "./draft.ts";

interface Props {
  item: DraftItem;
  onChange: (item: DraftItem) => void;
}

/** The fields only a measure has: 责任部室, lead, due date, progress and status. */
export function MeasureFields({ item, onChange }: Props) {
  const { t } = useTranslation();
  const set = (patch: Partial<DraftItem>) => onChange({ ...item, ...patch });
  return (
    <Row gutter={12}>
      <Col xs={24} md={8}>
        <Form.Item label={t("program.departments")} tooltip={t("program.departmentsHint")}>
          <Select
            mode="tags"
            value={item.departments}
            onChange={(departments: string[]) => set({ departments: departments.map((d) => d.trim()).filter(Boolean) })}
            tokenSeparators={[",", "，", "、"]}
            maxCount={10}
            open={false}
            suffixIcon={null}
            data-testid="measure-departments"
          />
        </Form.Item>
      </Col>
      <Col xs={12} md={4}>
        <Form.Item label={t("program.lead")}>
          <Input
            value={item.lead ?? ""}
            maxLength={60}
            onChange={(e) => set({ lead: e.target.value || null })}
            data-testid="measure-lead"
          />
        </Form.Item>
      </Col>
      <Col xs={12} md={4}>
        <Form.Item label={t("program.dueDate")}>
          <DatePicker
            value={item.dueDate ? dayjs(item.dueDate) : null}
            onChange={(date) => set({ dueDate: date ? date.format("YYYY-MM-DD") : null })}
            style={{ width: "100%" }}
          />
        </Form.Item>
      </Col>
      <Col xs={12} md={4}>
        <Form.Item label={t("program.progress")}>
          <NumberInput<number>
            min={0}
            max={100}
            precision={0}
            suffix="%"
            value={item.progress}
            onChange={(progress) => set({ progress: progress ?? 0 })}
            style={{ width: "100%" }}
            data-testid="measure-progress"
          />
        </Form.Item>
      </Col>
      <Col xs={12} md={4}>
        <Form.Item label={t("program.status")}>
          <Select
            value={item.status}
            options={MEASURE_STATUSES.map((status) => ({ value: status, label: t(`measureStatus.${status}`) }))}
            onChange={(status) => set({ status })}
            data-testid="measure-status"
          />
        </Form.Item>
      </Col>
    </Row>
  );
}
