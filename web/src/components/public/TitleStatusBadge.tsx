import { useTranslation } from "react-i18next";
import type { PublicAwardRow } from "../../api/public.ts";

/** A title's standing in words and colour (有效 / 黄牌警告 / 撤销 / 自动终止 / 期满): never colour alone. */
export function TitleStatusBadge({ status }: { status: PublicAwardRow["status"] }) {
  const { t } = useTranslation();
  return (
    <span className={`wm-badge wm-badge-${status}`} data-testid={`title-status-${status}`}>
      {t(`publicSite.titleStatus.${status}`)}
    </span>
  );
}
