import { Card, Result, Select, Space, Tabs } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { MeasureRollupCards } from "../components/stats/MeasureRollupCards.tsx";
import { ProgramRollupCards } from "../components/stats/ProgramRollupCards.tsx";
import { RecordRollupCards } from "../components/stats/RecordRollupCards.tsx";
import { beijingYear } from "../format/time.ts";
import { useMembership } from "./use-membership.ts";

const THIS_YEAR = beijingYear();
const YEARS = Array.from({ length: 8 }, (_, i) => THIS_YEAR - i);

/** Reviewers' and admins' cross-unit view of programs, measures and records in their scope. */
export function StatsPage() {
  const { t } = useTranslation();
  const { tenant, membership } = useMembership();
  const [year, setYear] = useState(THIS_YEAR);
  if (!membership || membership.role === "unit_staff") return <Result status="403" title={t("stats.forbidden")} />;
  return (
    <Card
      title={t("stats.title")}
      extra={
        <Space>
          {t("stats.year")}
          <Select
            value={year}
            onChange={setYear}
            options={YEARS.map((y) => ({ value: y, label: y }))}
            style={{ width: 100 }}
            data-testid="stats-year"
          />
        </Space>
      }
    >
      <Tabs
        items={[
          { key: "programs", label: t("stats.programs"), children: <ProgramRollupCards tenant={tenant} year={year} /> },
          { key: "measures", label: t("stats.measures"), children: <MeasureRollupCards tenant={tenant} /> },
          { key: "records", label: t("stats.records"), children: <RecordRollupCards tenant={tenant} year={year} /> },
        ]}
      />
    </Card>
  );
}
