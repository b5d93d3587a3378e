import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { type FormEvent, useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { TITLE_LEVELS } from "../../../../worker/domain/vocabulary.ts";
import { officeSummaryQuery, PUBLIC_PAGE_SIZE, publicAwardsQuery } from "../../api/public.ts";
import type { PublicAwardSearch } from "../../routes/public/award-search.ts";
import { dayText } from "./format.ts";
import { QueryView } from "./QueryView.tsx";
import { TitleStatusBadge } from "./TitleStatusBadge.tsx";

interface Props {
  tenant: string;
  search: PublicAwardSearch;
  /** Puts new filters in the URL (the page's own route). */
  onSearch: (next: PublicAwardSearch) => void;
  /** Inside another website's frame: unit pages open in a new tab. */
  embedded?: boolean;
}

/** The awarded-units list with its filters, search and pages; the public page and the embed share it. */
export function AwardsBrowser({ tenant, search, onSearch, embedded = false }: Props) {
  const { t, i18n } = useTranslation();
  const ids = useId();
  const summary = useQuery(officeSummaryQuery(tenant));
  const awards = useQuery({ ...publicAwardsQuery(tenant, search), placeholderData: keepPreviousData });
  const [q, setQ] = useState(search.q ?? "");
  useEffect(() => setQ(search.q ?? ""), [search.q]);

  // Any filter change starts again at page 1.
  const refine = (patch: Partial<PublicAwardSearch>) => onSearch({ ...search, ...patch, page: undefined });
  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    refine({ q: q.trim() || undefined });
  };
  const filtered = Boolean(search.level || search.city || search.sector || search.term || search.q || search.status);

  const options = summary.data;
  const select = (
    name: "level" | "city" | "sector" | "term",
    label: string,
    choices: { value: string; label: string }[],
  ) => (
    <div className="wm-field">
      <label htmlFor={`${ids}-${name}`}>{label}</label>
      <select
        id={`${ids}-${name}`}
        value={search[name] ?? ""}
        onChange={(e) => refine({ [name]: e.target.value || undefined })}
        data-testid={`awards-filter-${name}`}
      >
        <option value="">{t("publicSite.any")}</option>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <>
      <search className="wm-no-print">
        <form className="wm-form" onSubmit={submitSearch} aria-label={t("publicSite.filters")}>
          <div className="wm-field">
            <label htmlFor={`${ids}-q`}>{t("publicSite.search")}</label>
            <div className="wm-search-row">
              <input
                id={`${ids}-q`}
                type="search"
                value={q}
                maxLength={40}
                onChange={(e) => setQ(e.target.value)}
                aria-describedby={`${ids}-q-hint`}
                data-testid="awards-search"
              />
              <button type="submit" className="wm-btn wm-btn-solid" data-testid="awards-search-submit">
                {t("publicSite.searchButton")}
              </button>
            </div>
            <span id={`${ids}-q-hint`} className="wm-hint">
              {t("publicSite.searchHint")}
            </span>
          </div>
          <div className="wm-filters">
            {select(
              "level",
              t("publicSite.filterLevel"),
              TITLE_LEVELS.map((level) => ({ value: level, label: t(`targetLevel.${level}`) })),
            )}
            {select(
              "city",
              t("publicSite.filterCity"),
              (options?.byCity ?? []).map((c) => ({ value: c.cityId, label: c.city })),
            )}
            {select(
              "sector",
              t("publicSite.filterSector"),
              (options?.bySector ?? []).map((s) => ({ value: s.sectorId, label: s.sector })),
            )}
            {select(
              "term",
              t("publicSite.filterTerm"),
              (options?.terms ?? []).map((term) => ({ value: term, label: term })),
            )}
          </div>
          <div className="wm-actions" style={{ margin: 0 }}>
            <label className="wm-check">
              <input
                type="checkbox"
                checked={search.status === "all"}
                onChange={(e) => refine({ status: e.target.checked ? "all" : undefined })}
                data-testid="awards-include-past"
              />
              {t("publicSite.includePast")}
            </label>
            {filtered && (
              <button
                type="button"
                className="wm-btn"
                onClick={() => {
                  setQ("");
                  onSearch({});
                }}
              >
                {t("publicSite.reset")}
              </button>
            )}
          </div>
        </form>
      </search>
      <QueryView query={awards}>
        {(data) => {
          const pages = Math.max(1, Math.ceil(data.total / PUBLIC_PAGE_SIZE));
          const page = search.page ?? 1;
          return (
            <>
              <div className="wm-table-meta" aria-live="polite">
                <span data-testid="awards-total">{t("publicSite.total", { count: data.total })}</span>
              </div>
              {data.items.length === 0 ? (
                <div className="wm-notice" data-testid="awards-empty">
                  <p>{t("publicSite.emptyAwards")}</p>
                </div>
              ) : (
                <table className="wm-table wm-table-cards" data-testid="awards-table" aria-busy={awards.isFetching}>
                  <caption className="wm-sr-only">{t("publicSite.awardsTitle")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("publicSite.colUnit")}</th>
                      <th scope="col">{t("publicSite.colLevel")}</th>
                      <th scope="col">{t("publicSite.colCity")}</th>
                      <th scope="col">{t("publicSite.colSector")}</th>
                      <th scope="col">{t("publicSite.colTerm")}</th>
                      <th scope="col">{t("publicSite.colValid")}</th>
                      <th scope="col">{t("publicSite.colStatus")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((award) => (
                      <tr key={`${award.unitId}-${award.level}-${award.term}`} data-testid="award-row">
                        <td className="wm-cell-title">
                          <Link
                            to="/offices/$tenant/units/$unitId"
                            params={{ tenant, unitId: award.unitId }}
                            {...(embedded ? { target: "_blank", rel: "noopener" } : {})}
                          >
                            {award.unitName}
                            {embedded && <span className="wm-sr-only">{t("publicSite.newTab")}</span>}
                          </Link>
                        </td>
                        <td data-label={t("publicSite.colLevel")}>{t(`targetLevel.${award.level}`)}</td>
                        <td data-label={t("publicSite.colCity")}>{award.city ?? "—"}</td>
                        <td data-label={t("publicSite.colSector")}>{award.sector ?? "—"}</td>
                        <td data-label={t("publicSite.colTerm")}>{award.term}</td>
                        <td data-label={t("publicSite.colValid")}>{dayText(award.validUntil, i18n.language)}</td>
                        <td data-label={t("publicSite.colStatus")}>
                          <TitleStatusBadge status={award.status} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {pages > 1 && (
                <nav className="wm-pager" aria-label={t("publicSite.pagination")}>
                  <button
                    type="button"
                    className="wm-btn"
                    disabled={page <= 1}
                    onClick={() => onSearch({ ...search, page: page - 1 > 1 ? page - 1 : undefined })}
                  >
                    {t("publicSite.prev")}
                  </button>
                  <span>{t("publicSite.pageOf", { page, pages })}</span>
                  <button
                    type="button"
                    className="wm-btn"
                    disabled={page >= pages}
                    onClick={() => onSearch({ ...search, page: page + 1 })}
                    data-testid="awards-next"
                  >
                    {t("publicSite.next")}
                  </button>
                </nav>
              )}
            </>
          );
        }}
      </QueryView>
    </>
  );
}
