import "../../styles/public.css";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { officeSummaryQuery } from "../../api/public.ts";
import { AwardsBrowser } from "../../components/public/AwardsBrowser.tsx";

const route = getRouteApi("/embed/$tenant/awards");

/** The titled-units list for an office's own website (an iframe): no bar, no navigation, unit pages in a new tab. */
export function EmbedAwardsPage() {
  const { t } = useTranslation();
  const { tenant } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const office = useQuery(officeSummaryQuery(tenant));
  return (
    <main className="wm-embed wm-public">
      <h1 style={{ fontSize: 18, margin: "0 0 12px" }}>
        {office.data ? `${office.data.name} · ` : ""}
        {t("publicSite.awardsTitle")}
      </h1>
      <AwardsBrowser tenant={tenant} search={search} onSearch={(next) => void navigate({ search: next })} embedded />
      <p className="wm-embed-source">{t("publicSite.embedSource", { app: t("app.name") })}</p>
    </main>
  );
}
