import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { officeSummaryQuery, publicNoticesQuery } from "../../api/public.ts";
import { BarChart } from "../../components/public/BarChart.tsx";
import { dayText } from "../../components/public/format.ts";
import { OfficeStats } from "../../components/public/OfficeStats.tsx";
import { PublicShell } from "../../components/public/PublicShell.tsx";
import { QueryView } from "../../components/public/QueryView.tsx";

const route = getRouteApi("/offices/$tenant");

/** An office's public page: headline numbers, current titles by level and city, open notices. */
export function OfficePage() {
  const { t, i18n } = useTranslation();
  const { tenant } = route.useParams();
  const summary = useQuery(officeSummaryQuery(tenant));
  const notices = useQuery(publicNoticesQuery(tenant));

  return (
    <PublicShell tenant={tenant}>
      <QueryView query={summary}>
        {(office) => (
          <>
            <h1 data-testid="office-name">{office.name}</h1>
            <p className="wm-lead">{t("publicSite.officeIntro", { name: office.name })}</p>
            <section className="wm-section" aria-label={t("publicSite.statCurrent")}>
              <OfficeStats current={office.current} openNotices={office.openNotices} warned={office.warned} />
              <div className="wm-actions">
                <Link
                  to="/offices/$tenant/awards"
                  params={{ tenant }}
                  className="wm-btn wm-btn-solid"
                  data-testid="office-awards-link"
                >
                  {t("publicSite.allAwards")}
                </Link>
                <Link to="/objections" className="wm-btn">
                  {t("publicSite.lookupLink")}
                </Link>
              </div>
            </section>
            <div className="wm-grid-2">
              <section className="wm-section">
                {office.byLevel.length === 0 ? (
                  <p>{t("publicSite.chartEmpty")}</p>
                ) : (
                  <BarChart
                    title={t("publicSite.byLevel")}
                    tenant={tenant}
                    testId="chart-level"
                    bars={office.byLevel.map((b) => ({
                      key: b.level,
                      label: t(`targetLevel.${b.level}`),
                      count: b.count,
                      search: { level: b.level },
                    }))}
                  />
                )}
              </section>
              <section className="wm-section">
                {office.byCity.length === 0 ? (
                  <p>{t("publicSite.chartEmpty")}</p>
                ) : (
                  <BarChart
                    title={t("publicSite.byCity")}
                    tenant={tenant}
                    testId="chart-city"
                    bars={office.byCity.map((b) => ({
                      key: b.cityId,
                      label: b.city,
                      count: b.count,
                      search: { city: b.cityId },
                    }))}
                  />
                )}
              </section>
            </div>
            <p className="wm-hint">{t("publicSite.chartHint")}</p>
          </>
        )}
      </QueryView>
      <section className="wm-section" aria-labelledby="office-notices">
        <h2 id="office-notices">{t("publicSite.notices")}</h2>
        <QueryView query={notices}>
          {(data) =>
            data.items.length === 0 ? (
              <p data-testid="office-no-notices">{t("publicSite.noOpenNotices")}</p>
            ) : (
              <ul className="wm-titles">
                {data.items.map((notice) => (
                  <li key={notice.roundId} className="wm-title-card">
                    <Link
                      to="/offices/$tenant/notices/$roundId"
                      params={{ tenant, roundId: notice.roundId }}
                      data-testid="office-notice-link"
                    >
                      {notice.title}
                    </Link>
                    <p className="wm-hint" style={{ margin: "4px 0 0" }}>
                      {t("publicSite.noticeWindow", {
                        start: dayText(notice.startsOn, i18n.language),
                        end: dayText(notice.endsOn, i18n.language),
                      })}
                    </p>
                  </li>
                ))}
              </ul>
            )
          }
        </QueryView>
      </section>
    </PublicShell>
  );
}
