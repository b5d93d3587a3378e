import "../../styles/public.css";
import { Link } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { PublicHeader } from "../PublicHeader.tsx";

interface Props {
  /** The office the page belongs to, for the breadcrumb back to its page. */
  office?: { slug: string; name?: string };
  /** Where the visitor is, as the breadcrumb's last item (omitted on the office page itself). */
  here?: string;
  children: ReactNode;
}

/** The frame of every public page but the embed: the red bar, a breadcrumb, the content. */
export function PublicShell({ office, here, children }: Props) {
  const { t } = useTranslation();
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
                    {office.name ?? office.slug}
                  </Link>
                ) : (
                  <span aria-current="page">{office.name ?? office.slug}</span>
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
