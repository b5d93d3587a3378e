import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { officeSummaryQuery } from "../../api/public.ts";
import { AwardsBrowser } from "../../components/public/AwardsBrowser.tsx";
import { PublicShell } from "../../components/public/PublicShell.tsx";

const route = getRouteApi("/offices/$tenant/awards");

/** An office's titled units, filtered and paged through the URL. */
export function AwardsPage() {
  const { t } = useTranslation();
  const { tenant } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const office = useQuery(officeSummaryQuery(tenant));
  return (
    <PublicShell tenant={tenant} here={t("publicSite.awardsTitle")}>
      <h1>{t("publicSite.awardsTitle")}</h1>
      {office.data && <p className="wm-lead">{office.data.name}</p>}
      <section className="wm-section">
        <AwardsBrowser tenant={tenant} search={search} onSearch={(next) => void navigate({ search: next })} />
      </section>
    </PublicShell>
  );
}
