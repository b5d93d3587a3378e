import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { Phase } from "../../api/rounds.ts";

const COLORS: Record<Phase, string> = {
  draft: "default",
  applications_open: "processing",
  city_review: "blue",
  province_review: "purple",
  notice: "orange",
  named: "success",
};

export function PhaseTag({ phase }: { phase: Phase }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[phase]} data-testid="round-phase">
      {t(`phase.${phase}`)}
    </Tag>
  );
}
