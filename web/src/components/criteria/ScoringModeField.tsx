import { Select, Space } from "antd";
import { useTranslation } from "react-i18next";
import type { CriteriaItem } from "../../api/criteria.ts";
import { GradesEditor } from "./GradesEditor.tsx";
import { standardGrades } from "./grades.ts";

interface Props {
  item: CriteriaItem;
  onChange: (change: Pick<CriteriaItem, "mode" | "grades">) => void;
}

/** Free points or graded; a graded item shows its scale to edit. */
export function ScoringModeField({ item, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={4} data-testid={`scoring-${item.code}`}>
      <Select
        value={item.mode}
        style={{ width: 100 }}
        options={(["points", "graded"] as const).map((m) => ({ value: m, label: t(`scoringMode.${m}`) }))}
        // Switching to graded starts from the usual A/B/C/D scale unless the item already carries one; points
        // mode drops the scale so that a stale one is not stored beside free points.
        onChange={(mode) =>
          onChange({ mode, grades: mode === "graded" ? (item.grades.length > 0 ? item.grades : standardGrades()) : [] })
        }
        data-testid={`scoring-${item.code}-mode`}
      />
      {item.mode === "graded" ? (
        <GradesEditor
          grades={item.grades}
          onChange={(grades) => onChange({ mode: "graded", grades })}
          testId={`grades-${item.code}`}
        />
      ) : null}
    </Space>
  );
}
