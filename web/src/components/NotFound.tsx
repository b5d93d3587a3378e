import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { PublicHeader } from "./PublicHeader.tsx";

export function NotFound() {
  const { t } = useTranslation();
  return (
    <>
      <PublicHeader />
      <main className="wm-page">
        <div className="wm-notice">
          <p>{t("common.notFound")}</p>
          <Link to="/" className="wm-button">
            {t("common.backHome")}
          </Link>
        </div>
      </main>
    </>
  );
}
