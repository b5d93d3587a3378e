import { useQuery } from "@tanstack/react-query";
import { Col, DatePicker, Divider, Form, Row, Select, Switch } from "antd";
import { useTranslation } from "react-i18next";
import { unitFiltersQuery } from "../../api/queries.ts";
import { AGGREGATION_MODES } from "../../api/ranking.ts";
import { ROUND_LEVELS, TIE_BREAKS } from "../../api/rounds.ts";
import { NumberInput } from "../NumberInput.tsx";
import { QuotaList } from "./QuotaList.tsx";
import { DATE_KEYS } from "./round-values.ts";

/** Department names offered for 部门意见 (any other name can be typed). */
const DEPARTMENT_SUGGESTIONS = ["纪检监察", "政法综治", "应急管理", "生态环境", "市场监管", "信访"];

/** Dates, eligibility, quotas, sector channels, notice, tie-break, report (汇报材料) and review (评审) settings of a round. */
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
            <NumberInput min={1} max={5} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="minScoreForOnsite" label={t("rounds.minScoreForOnsite")}>
            <NumberInput min={0} max={1000} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="minScoreToName" label={t("rounds.minScoreToName")}>
            <NumberInput min={0} max={1000} style={{ width: "100%" }} />
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
            <NumberInput min={1} max={30} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="noticeWorkingDays" label={t("rounds.noticeWorkingDays")} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="tieBreak" label={t("rounds.tieBreak")} extra={t("ranking.settings.tieBreakHint")}>
            <Select
              mode="multiple"
              options={TIE_BREAKS.map((k) => ({ value: k, label: t(`tieBreak.${k}`) }))}
              data-testid="round-tie-break"
            />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start">{t("report.roundRule")}</Divider>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item
            name={["report", "maxChars"]}
            label={t("report.roundMaxChars")}
            extra={t("report.roundMaxCharsHint")}
            rules={[{ required: true }]}
          >
            <NumberInput
              min={500}
              max={20000}
              step={500}
              precision={0}
              style={{ width: "100%" }}
              data-testid="round-report-max-chars"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name={["report", "required"]} label={t("report.roundRequired")} valuePropName="checked">
            <Switch data-testid="round-report-required" />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start">{t("ranking.settings.title")}</Divider>
      <Row gutter={12}>
        <Col xs={24} sm={12} md={6}>
          <Form.Item
            name={["review", "panelSize"]}
            label={t("ranking.settings.panelSize")}
            rules={[{ required: true }]}
          >
            <NumberInput min={1} max={9} precision={0} style={{ width: "100%" }} data-testid="round-panel-size" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} md={6}>
          <Form.Item
            name={["review", "aggregation"]}
            label={t("ranking.settings.aggregation")}
            rules={[{ required: true }]}
          >
            <Select
              options={AGGREGATION_MODES.map((m) => ({ value: m, label: t(`ranking.mode.${m}`) }))}
              data-testid="round-aggregation"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} md={6}>
          <Form.Item
            name={["review", "outlierThreshold"]}
            label={t("ranking.settings.outlierThreshold")}
            tooltip={t("ranking.settings.outlierThresholdHint")}
            rules={[{ required: true }]}
          >
            <NumberInput min={0} max={1000} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item
            name={["review", "avoidSameParentBody"]}
            label={t("ranking.settings.avoidSameParentBody")}
            valuePropName="checked"
          >
            <Switch />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name={["review", "avoidOwnCityAtProvince"]}
            label={t("ranking.settings.avoidOwnCityAtProvince")}
            valuePropName="checked"
          >
            <Switch />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name={["review", "signoffDepartments"]}
        label={t("ranking.settings.signoffDepartments")}
        extra={t("ranking.settings.signoffDepartmentsHint")}
      >
        <Select
          mode="tags"
          maxCount={12}
          options={DEPARTMENT_SUGGESTIONS.map((d) => ({ value: d, label: d }))}
          data-testid="round-signoff-departments"
        />
      </Form.Item>
    </>
  );
}
