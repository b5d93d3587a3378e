import { useQuery } from "@tanstack/react-query";
import { Col, DatePicker, Divider, Form, InputNumber, Row, Select, Switch } from "antd";
import { useTranslation } from "react-i18next";
import { unitFiltersQuery } from "../../api/queries.ts";
import { ROUND_LEVELS, TIE_BREAKS } from "../../api/rounds.ts";
import { QuotaList } from "./QuotaList.tsx";
import { DATE_KEYS } from "./round-values.ts";

/** Dates, eligibility, quotas, sector channels, notice and tie-break of a round. */
export function RoundSettingsFields({ tenant }: { tenant: string }) {
  const { t } = useTranslation();
  const filters = useQuery(unitFiltersQuery(tenant));
  const cities = (filters.data?.cities ?? []).map((c) => ({ value: c.id, label: c.name }));
  const sectors = (filters.data?.sectors ?? []).map((s) => ({ value: s.id, label: s.name }));
  return (
    <>
      <Divider titlePlacement="start">{t("rounds.dates")}</Divider>
      <Row gutter={12}>
        {DATE_KEYS.map((key) => (
          <Col span={6} key={key}>
            <Form.Item name={["dates", key]} label={t(`rounds.date.${key}`)}>
              <DatePicker style={{ width: "100%" }} />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Divider titlePlacement="start">{t("rounds.eligibility")}</Divider>
      <Row gutter={12}>
        <Col span={6}>
          <Form.Item name="requiresTitle" label={t("rounds.requiresTitle")}>
            <Select
              allowClear
              placeholder={t("rounds.noTitle")}
              options={ROUND_LEVELS.map((l) => ({ value: l, label: t(`roundLevel.${l}`) }))}
            />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="orConsecutiveTerms" label={t("rounds.consecutiveTerms")}>
            <InputNumber min={1} max={5} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="minScoreForOnsite" label={t("rounds.minScoreForOnsite")}>
            <InputNumber min={0} max={1000} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="minScoreToName" label={t("rounds.minScoreToName")}>
            <InputNumber min={0} max={1000} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start">{t("rounds.quotas")}</Divider>
      <Row gutter={12}>
        <Col span={12}>
          <QuotaList name="perCity" idField="cityId" label={t("rounds.perCity")} options={cities} />
        </Col>
        <Col span={12}>
          <QuotaList name="perSector" idField="sectorId" label={t("rounds.perSector")} options={sectors} />
        </Col>
      </Row>
      <Form.Item name="sectorChannels" label={t("rounds.sectorChannels")}>
        <Select mode="multiple" options={sectors} loading={filters.isPending} data-testid="round-sector-channels" />
      </Form.Item>
      <Row gutter={12}>
        <Col span={6}>
          <Form.Item name="noticeDays" label={t("rounds.noticeDays")} rules={[{ required: true }]}>
            <InputNumber min={1} max={30} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="noticeWorkingDays" label={t("rounds.noticeWorkingDays")} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="tieBreak" label={t("rounds.tieBreak")}>
            <Select mode="multiple" options={TIE_BREAKS.map((k) => ({ value: k, label: t(`tieBreak.${k}`) }))} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
