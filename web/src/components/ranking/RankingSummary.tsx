import { Descriptions, Tag, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { CutOff, RankingPage } from "../../api/ranking.ts";
import type { Round } from "../../api/rounds.ts";
import { beijingTime } from "../../format/time.ts";
import { DESCRIPTION_COLUMNS } from "../responsive.ts";

interface Props {
  round: Round;
  page: RankingPage | undefined;
}

/** How the ranking is made: the aggregation mode, the stage, when it was calibrated, the round's two gates. */
export function RankingSummary({ round, page }: Props) {
  const { t } = useTranslation();
  const { minScoreForOnsite, minScoreToName } = round.settings.eligibility;
  const mode = page?.mode ?? round.settings.review.aggregation;
  return (
    <Descriptions size="small" column={DESCRIPTION_COLUMNS} style={{ marginBottom: 12 }} data-testid="ranking-summary">
      <Descriptions.Item label={t("ranking.summary.mode")}>
        <Tooltip title={t(`ranking.modeHint.${mode}`)}>
          <span data-testid="ranking-mode" style={{ textDecoration: "underline dotted" }}>
            {t(`ranking.mode.${mode}`)}
          </span>
        </Tooltip>
      </Descriptions.Item>
      <Descriptions.Item label={t("ranking.summary.stage")}>
        {page ? t(`ranking.stage.${page.stage}`) : t("common.none")}
      </Descriptions.Item>
      {mode === "calibrated" ? (
        <Descriptions.Item label={t("ranking.summary.calibratedAt")}>
          <span data-testid="ranking-calibrated-at">
            {page?.calibratedAt
              ? `${beijingTime(page.calibratedAt)}（${t("rounds.beijing")}）`
              : t("ranking.summary.notCalibrated")}
          </span>
        </Descriptions.Item>
      ) : null}
      <Descriptions.Item label={t("ranking.summary.onsiteGate")}>
        {minScoreForOnsite ?? t("ranking.summary.noGate")}
      </Descriptions.Item>
      <Descriptions.Item label={t("ranking.summary.namingGate")}>
        {minScoreToName ?? t("ranking.summary.noGate")}
      </Descriptions.Item>
    </Descriptions>
  );
}

/** The quota pools with each one's quota and cut-off score; a click filters the ranking to that pool. */
export function CutOffStrip({
  cutOffs,
  active,
  onPick,
}: {
  cutOffs: CutOff[];
  active: string | undefined;
  onPick: (pool: string | undefined) => void;
}) {
  const { t } = useTranslation();
  if (cutOffs.length === 0) return null;
  return (
    <div style={{ marginBottom: 12, display: "flex", flexWrap: "wrap", gap: 8, alignItems: "center" }}>
      <Typography.Text type="secondary">{t("ranking.cutOffs")}</Typography.Text>
      {cutOffs.map((c) => (
        <Tag.CheckableTag
          key={c.pool}
          checked={active === c.pool}
          onChange={(checked) => onPick(checked ? c.pool : undefined)}
          data-testid="ranking-cutoff"
          style={{ border: "1px solid #d9d9d9" }}
        >
          {t("ranking.cutOff", {
            name: c.name,
            quota: c.quota,
            cutOff: c.cutOff === null ? t("common.none") : c.cutOff.toFixed(2),
          })}
        </Tag.CheckableTag>
      ))}
    </div>
  );
}
