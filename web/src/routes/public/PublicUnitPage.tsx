import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { publicUnitQuery } from "../../api/public.ts";
import { dayText } from "../../components/public/format.ts";
import { PublicShell } from "../../components/public/PublicShell.tsx";
import { QueryView } from "../../components/public/QueryView.tsx";
import { TitleStatusBadge } from "../../components/public/TitleStatusBadge.tsx";

const route = getRouteApi("/offices/$tenant/units/$unitId");

/** A titled unit's public page: its titles with their standing, and what happened to each (动态管理). */
export function PublicUnitPage() {
  const { t, i18n } = useTranslation();
  const { tenant, unitId } = route.useParams();
  const unit = useQuery(publicUnitQuery(tenant, unitId));
  const day = (d: string) => dayText(d, i18n.language);

  return (
    <PublicShell tenant={tenant} here={unit.data?.unitName ?? "…"}>
      <QueryView query={unit}>
        {(data) => (
          <>
            <h1 data-testid="unit-name">{data.unitName}</h1>
            <p className="wm-lead">{[data.city, data.sector].filter(Boolean).join(" · ")}</p>
            <section className="wm-section" aria-labelledby="unit-titles">
              <h2 id="unit-titles">{t("publicSite.unitTitles")}</h2>
              {data.titles.length === 0 ? (
                <p>{t("publicSite.noTitles")}</p>
              ) : (
                <ul className="wm-titles">
                  {data.titles.map((title) => (
                    <li key={`${title.level}-${title.term}`} className="wm-title-card" data-testid="unit-title">
                      <h3>
                        {t(`targetLevel.${title.level}`)}（{title.term}）
                        <TitleStatusBadge status={title.status} />
                      </h3>
                      <dl className="wm-facts">
                        <dt>{t("publicSite.namedAt")}</dt>
                        <dd>{day(title.namedAt)}</dd>
                        <dt>{t("publicSite.colValid")}</dt>
                        <dd>{day(title.validUntil)}</dd>
                        {title.documentRef && (
                          <>
                            <dt>{t("publicSite.documentRef")}</dt>
                            <dd>{title.documentRef}</dd>
                          </>
                        )}
                        {title.status === "warned" && title.warningDeadline && (
                          <>
                            <dt>{t("publicSite.titleStatus.warned")}</dt>
                            <dd>{t("publicSite.warningDeadline", { date: day(title.warningDeadline) })}</dd>
                          </>
                        )}
                        {title.publicReason && (
                          <>
                            <dt>{t("publicSite.reasonLabel")}</dt>
                            <dd data-testid="unit-title-reason">{title.publicReason}</dd>
                          </>
                        )}
                      </dl>
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section className="wm-section" aria-labelledby="unit-history">
              <h2 id="unit-history">{t("publicSite.history")}</h2>
              {data.history.length === 0 ? (
                <p>{t("publicSite.noHistory")}</p>
              ) : (
                <ol className="wm-timeline" data-testid="unit-history">
                  {data.history.map((event, index) => (
                    // Events have no public id; their order is the API's and stable.
                    // biome-ignore lint/suspicious/noArrayIndexKey: see above
                    <li key={index}>
                      <time dateTime={event.effectiveOn}>{day(event.effectiveOn)}</time>
                      <strong>{t(`publicSite.event.${event.kind}`)}</strong> · {t(`targetLevel.${event.level}`)}（
                      {event.term}）
                      {event.deadline && <div>{t("publicSite.warningDeadline", { date: day(event.deadline) })}</div>}
                      {event.publicReason && <div>{t("publicSite.reason", { reason: event.publicReason })}</div>}
                    </li>
                  ))}
                </ol>
              )}
            </section>
          </>
        )}
      </QueryView>
    </PublicShell>
  );
}
