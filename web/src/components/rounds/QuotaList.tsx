import { Button, Form, Select, Space } from "antd";
import { useTranslation } from "react-i18next";
import { NumberInput } from "../NumberInput.tsx";

interface Props {
  name: "perCity" | "perSector";
  /** The id field of each row: cityId or sectorId. */
  idField: "cityId" | "sectorId";
  label: string;
  options: { value: string; label: string }[];
}

/** Rows of (city or sector, quota). */
export function QuotaList({ name, idField, label, options }: Props) {
  const { t } = useTranslation();
  return (
    <Form.Item label={label}>
      <Form.List name={name}>
        {(fields, { add, remove }) => (
          <Space orientation="vertical" style={{ width: "100%" }}>
            {fields.map((field) => (
              <Space key={field.key} align="baseline">
                <Form.Item name={[field.name, idField]} rules={[{ required: true }]} noStyle>
                  <Select style={{ width: 200 }} options={options} showSearch={{ optionFilterProp: "label" }} />
                </Form.Item>
                <Form.Item name={[field.name, "quota"]} rules={[{ required: true }]} noStyle>
                  <NumberInput min={0} max={10_000} placeholder={t("rounds.quota")} />
                </Form.Item>
                <Button size="small" danger onClick={() => remove(field.name)}>
                  {t("common.delete")}
                </Button>
              </Space>
            ))}
            <Button size="small" type="dashed" onClick={() => add({ quota: 1 })}>
              {t("rounds.addQuota")}
            </Button>
          </Space>
        )}
      </Form.List>
    </Form.Item>
  );
}
