import { Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { GradeProblemKey, VetoProblemKey } from "./validation.ts";

/** A field's problem right under it, in the UI language; nothing when the field is sound. */
export function InlineError({ problem, testId }: { problem?: GradeProblemKey | VetoProblemKey; testId: string }) {
  const { t } = useTranslation();
  if (problem === undefined) return null;
  return (
    <Typography.Text type="danger" style={{ display: "block" }} data-testid={testId}>
      {t(problem)}
    </Typography.Text>
  );
}
