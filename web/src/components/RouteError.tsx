import type { ErrorComponentProps } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { ApiFailure } from "../api/client.ts";

/** Last-resort error view for a route (a failed chunk load, a guard's network error); plain, like the root. */
export function RouteError({ error, reset }: ErrorComponentProps) {
  const { t, i18n } = useTranslation();
  const message =
    error instanceof ApiFailure
      ? error.localized(i18n.language)
      : error instanceof Error
        ? error.message
        : String(error);
  return (
    <main className="wm-page">
      <div className="wm-notice wm-notice-error" role="alert">
        <p>
          <strong>{t("common.error")}</strong>
        </p>
        <p>{message}</p>
        <button type="button" className="wm-button" onClick={reset}>
          {t("common.retry")}
        </button>
      </div>
    </main>
  );
}
