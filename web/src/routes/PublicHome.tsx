import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ApiFailure } from "../api/client.ts";
import { tenantsQuery } from "../api/queries.ts";
import { PublicHeader } from "../components/PublicHeader.tsx";
import { OfficeStats } from "../components/public/OfficeStats.tsx";
import "../styles/public.css";

/** The public landing page: the offices live on this deployment. Plain markup, no UI kit. */
export function PublicHome() {
  const { t, i18n } = useTranslation();
  const tenants = useQuery(tenantsQuery());

  let body: ReactNode;
  if (tenants.isPending) {
    body = (
      <div className="wm-cards" aria-busy="true">
        <div className="wm-skeleton" />
        <div className="wm-skeleton" />
      </div>
    );
  } else if (tenants.isError) {
    const message =
      tenants.error instanceof ApiFailure ? tenants.error.localized(i18n.language) : tenants.error.message;
    body = (
      <div className="wm-notice wm-notice-error" role="alert">
        <p>{t("public.loadError", { message })}</p>
        <button type="button" className="wm-button" onClick={() => void tenants.refetch()}>
          {t("public.retry")}
        </button>
      </div>
    );
  } else if (tenants.data.items.length === 0) {
    body = (
      <div className="wm-notice">
        <p>{t("public.empty")}</p>
        <p>{t("public.emptyHint")}</p>
      </div>
    );
  } else {
    body = (
      <ul className="wm-cards" data-testid="tenant-list">
        {tenants.data.items.map((tenant) => (
          <li key={tenant.slug}>
            <article className="wm-office wm-public" aria-labelledby={`office-${tenant.slug}`}>
              <h2 id={`office-${tenant.slug}`}>{tenant.name}</h2>
              <OfficeStats current={tenant.current} openNotices={tenant.openNotices} />
              <Link
                to="/offices/$tenant"
                params={{ tenant: tenant.slug }}
                className="wm-btn wm-btn-solid"
                data-testid={`office-${tenant.slug}`}
              >
                {t("publicSite.viewOffice")}
              </Link>
              <div className="wm-office-links">
                <Link to="/t/$tenant" params={{ tenant: tenant.slug }}>
                  {t("public.enter")} →
                </Link>
                <Link to="/t/$tenant/register" params={{ tenant: tenant.slug }} data-testid={`register-${tenant.slug}`}>
                  {t("public.register")}
                </Link>
              </div>
            </article>
          </li>
        ))}
      </ul>
    );
  }

  return (
    <>
      <PublicHeader />
      <main className="wm-page">
        <h1>{t("public.title")}</h1>
        <p className="wm-lead">{t("public.intro")}</p>
        {body}
      </main>
    </>
  );
}
