import { Button, Input, Space } from "antd";
import { useTranslation } from "react-i18next";
import { GRADE_LABEL_MAX } from "../../../../worker/domain/grade-scale.ts";
import { NumberInput } from "../NumberInput.tsx";
import { removeAt, replaceAt } from "../program/draft.ts";
import { fromPercent, type Grade, toPercent } from "./grades.ts";
import { InlineError } from "./InlineError.tsx";
import { gradeProblems } from "./validation.ts";

interface Props {
  grades: Grade[];
  onChange: (grades: Grade[]) => void;
  testId: string;
}

/** The API's bounds on a scale: at least two grades (checked), at most six (the add button stops). */
const MAX_GRADES = 6;

/** One graded item's scale: each grade's name and its share of the item's maximum, in per cent. */
export function GradesEditor({ grades, onChange, testId }: Props) {
  const { t } = useTranslation();
  const problems = gradeProblems(grades);
  const marked = new Set(problems.map((p) => p.index));
  const messages = [...new Set(problems.map((p) => p.key))];
  const patch = (index: number, change: Partial<Grade>) => {
    const grade = grades[index];
    if (grade) onChange(replaceAt(grades, index, { ...grade, ...change }));
  };
  return (
    <Space orientation="vertical" size={4} data-testid={testId}>
      {grades.map((g, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a grade has no identity but its place (its name is being edited), and every field here is controlled
        <Space.Compact key={i} size="small">
          <Input
            value={g.grade}
            maxLength={GRADE_LABEL_MAX}
            style={{ width: 56 }}
            status={marked.has(i) ? "error" : undefined}
            aria-label={t("criteria.gradeLabel")}
            onChange={(e) => patch(i, { grade: e.target.value })}
            data-testid={`${testId}-label`}
          />
          <NumberInput
            min={0}
            max={100}
            value={toPercent(g.share)}
            suffix="%"
            style={{ width: 90 }}
            status={marked.has(i) ? "error" : undefined}
            aria-label={t("criteria.gradeShare")}
            onChange={(v) => patch(i, { share: fromPercent(v ?? 0) })}
            data-testid={`${testId}-share`}
          />
          <Button
            disabled={grades.length <= 2}
            aria-label={t("criteria.removeGrade")}
            onClick={() => onChange(removeAt(grades, i))}
            data-testid={`${testId}-remove`}
          >
            ×
          </Button>
        </Space.Compact>
      ))}
      <Button
        size="small"
        type="dashed"
        disabled={grades.length >= MAX_GRADES}
        onClick={() => onChange([...grades, { grade: "", share: 0 }])}
        data-testid={`${testId}-add`}
      >
        {t("criteria.addGrade")}
      </Button>
      {messages.map((key) => (
        <InlineError key={key} problem={key} testId={`${testId}-error`} />
      ))}
    </Space>
  );
}
