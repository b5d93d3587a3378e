import "../../styles/public.css";
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { officeSummaryQuery } from "../../api/public.ts";
import { PublicHeader } from "../PublicHeader.tsx";

interface Props {
  /** The office (slug) the page belongs to, for the breadcrumb back to its page. */
  tenant?: string;
  /** Where the visitor is, as the breadcrumb's last item (omitted on the office page itself). */
  here?: string;
  children: ReactNode;
}

/** The frame of every public page but the embed: the red bar, a breadcrumb, the content. */
export function PublicShell({ tenant, here, children }: Props) {
  const { t } = useTranslation();
  // The office's name comes from its summary, which its pages read anyway (one cached query).
  const summary = useQuery({ ...officeSummaryQuery(tenant ?? ""), enabled: tenant !== undefined });
  const office = tenant === undefined ? undefined : { slug: tenant, name: summary.data?.name ?? tenant };
  return (
    <>
      <PublicHeader />
      <main className="wm-page wm-public">
        <nav aria-label={t("publicSite.home")}>
          <ol className="wm-crumbs">
            <li>
              <Link to="/">{t("publicSite.home")}</Link>
            </li>
            {office && (
              <li>
                {here ? (
                  <Link to="/offices/$tenant" params={{ tenant: office.slug }}>
                    {office.name}
                  </Link>
                ) : (
                  <span aria-current="page">{office.name}</span>
                )}
              </li>
            )}
            {here && (
              <li>
                <span aria-current="page">{here}</span>
              </li>
            )}
          </ol>
        </nav>
        {children}
      </main>
    </>
  );
}
