import { useTranslation } from "react-i18next";

/** An office's headline numbers: titles held today, open notices, and (where known) warned titles. */
export function OfficeStats({
  current,
  openNotices,
  warned,
}: {
  current: number;
  openNotices: number;
  warned?: number;
}) {
  const { t } = useTranslation();
  return (
    <dl className="wm-stats">
      <div>
        <dt>{t("publicSite.statCurrent")}</dt>
        <dd data-testid="stat-current">{current}</dd>
      </div>
      <div>
        <dt>{t("publicSite.statOpenNotices")}</dt>
        <dd data-testid="stat-open-notices">{openNotices}</dd>
      </div>
      {warned !== undefined && (
        <div>
          <dt>{t("publicSite.statWarned")}</dt>
          <dd>{warned}</dd>
        </div>
      )}
    </dl>
  );
}
