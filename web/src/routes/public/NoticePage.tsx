import { getRouteApi, Link } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { PublicNotice } from "../../api/public.ts";
import { exportXlsx } from "../../components/charts/export-xlsx.ts";
import { dayText } from "../../components/public/format.ts";
import { PublicShell } from "../../components/public/PublicShell.tsx";
import { QueryView } from "../../components/public/QueryView.tsx";
import { useNotice } from "../../components/public/use-notice.ts";

const route = getRouteApi("/offices/$tenant/notices/$roundId");

/** A public notice (公示) in the usual official layout; prints as a clean A4 page and exports its list. */
export function NoticePage() {
  const { t } = useTranslation();
  const { tenant, roundId } = route.useParams();
  const notice = useNotice(tenant, roundId);
  return (
    <PublicShell tenant={tenant} here={t("publicSite.notices")}>
      <QueryView query={notice}>
        {(data) =>
          data ? (
            <NoticeDocument tenant={tenant} notice={data} />
          ) : (
            <div className="wm-notice" data-testid="public-not-found">
              <p>{t("publicSite.noticeNotFound")}</p>
            </div>
          )
        }
      </QueryView>
    </PublicShell>
  );
}

function NoticeDocument({ tenant, notice }: { tenant: string; notice: PublicNotice }) {
  const { t, i18n } = useTranslation();
  const [exportFailed, setExportFailed] = useState(false);
  const day = (d: string) => dayText(d, i18n.language);

  const exportList = () => {
    setExportFailed(false);
    exportXlsx(
      `${notice.title}.xlsx`,
      [
        { header: t("publicSite.colIndex"), value: (row) => row.position },
        { header: t("publicSite.colUnit"), value: (row) => row.unitName },
        { header: t("publicSite.colCity"), value: (row) => row.city },
        { header: t("publicSite.colSector"), value: (row) => row.sector },
      ],
      notice.units.map((unit, index) => ({ ...unit, position: index + 1 })),
    ).catch(() => setExportFailed(true));
  };

  return (
    <>
      <div className="wm-actions wm-no-print">
        <button type="button" className="wm-btn" onClick={() => window.print()} data-testid="notice-print">
          {t("publicSite.print")}
        </button>
        <button type="button" className="wm-btn" onClick={exportList} data-testid="notice-export">
          {t("publicSite.exportExcel")}
        </button>
        {notice.open && (
          <Link
            to="/offices/$tenant/notices/$roundId/objection"
            params={{ tenant, roundId: notice.roundId }}
            className="wm-btn wm-btn-solid"
            data-testid="notice-object"
          >
            {t("publicSite.objectGeneral")}
          </Link>
        )}
      </div>
      {exportFailed && (
        <p className="wm-alert wm-no-print" role="alert">
          {t("publicSite.exportFailed")}
        </p>
      )}
      {!notice.open && <p className="wm-alert wm-alert-info wm-no-print">{t("publicSite.noticeEnded")}</p>}
      <article className="wm-doc" data-testid="notice-document">
        <h1>{notice.title}</h1>
        <p className="wm-doc-body">
          {t("publicSite.noticeBody", {
            units: notice.units.length,
            issuer: notice.issuer,
            level: t(`targetLevel.${notice.level}`),
            start: day(notice.startsOn),
            end: day(notice.endsOn),
          })}
        </p>
        <p className="wm-doc-body">{t("publicSite.noticeContact", { contact: notice.contact })}</p>
        <div className="wm-scroll">
          <table className="wm-table" data-testid="notice-table">
            <caption className="wm-sr-only">{t("publicSite.noticeList")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("publicSite.colIndex")}</th>
                <th scope="col">{t("publicSite.colUnit")}</th>
                <th scope="col">{t("publicSite.colCity")}</th>
                <th scope="col">{t("publicSite.colSector")}</th>
                {notice.open && (
                  <th scope="col" className="wm-no-print">
                    <span className="wm-sr-only">{t("publicSite.object")}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {notice.units.map((unit, index) => (
                <tr key={unit.entryId} data-testid="notice-row">
                  <td>{index + 1}</td>
                  <td>{unit.unitName}</td>
                  <td>{unit.city ?? "—"}</td>
                  <td>{unit.sector ?? "—"}</td>
                  {notice.open && (
                    <td className="wm-no-print">
                      <Link
                        to="/offices/$tenant/notices/$roundId/objection"
                        params={{ tenant, roundId: notice.roundId }}
                        search={{ entry: unit.entryId }}
                        aria-label={t("publicSite.objectAbout", { unit: unit.unitName })}
                        style={{ whiteSpace: "nowrap" }}
                      >
                        {t("publicSite.object")}
                      </Link>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="wm-doc-sign">
          {notice.issuer}
          <br />
          {day(notice.startsOn)}
        </p>
      </article>
    </>
  );
}
