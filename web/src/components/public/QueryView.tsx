import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ApiFailure } from "../../api/client.ts";

interface Props<T> {
  query: UseQueryResult<T>;
  /** Says what a 404 means on this page (e.g. the notice has ended); the API's own message otherwise. */
  notFound?: string;
  children: (data: T) => ReactNode;
}

/** A query's three faces on a public page: a skeleton while loading, an alert with retry on failure, the data. */
export function QueryView<T>({ query, notFound, children }: Props<T>) {
  const { t, i18n } = useTranslation();
  if (query.isPending) {
    return (
      <div aria-busy="true" data-testid="public-loading">
        <span className="wm-sr-only">{t("publicSite.loading")}</span>
        <div className="wm-skeleton" />
      </div>
    );
  }
  if (query.isError) {
    const failure = query.error instanceof ApiFailure ? query.error : null;
    if (failure?.status === 404 && notFound) {
      return (
        <div className="wm-notice" data-testid="public-not-found">
          <p>{notFound}</p>
        </div>
      );
    }
    const message = failure ? failure.localized(i18n.language) : query.error.message;
    return (
      <div className="wm-notice wm-notice-error" role="alert" data-testid="public-error">
        <p>{t("publicSite.loadError", { message })}</p>
        {failure?.status !== 404 && (
          <button type="button" className="wm-button" onClick={() => void query.refetch()}>
            {t("publicSite.retry")}
          </button>
        )}
      </div>
    );
  }
  return <>{children(query.data)}</>;
}
