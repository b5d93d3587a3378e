import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { type FormEvent, useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { objectionStatusQuery } from "../../api/public.ts";
import { instantText } from "../../components/public/format.ts";
import { PublicShell } from "../../components/public/PublicShell.tsx";
import { QueryView } from "../../components/public/QueryView.tsx";

const route = getRouteApi("/objections");
// As ObjectionReferenceParams in worker/schemas/public.ts: checked here so a typo never reaches the API.
const REFERENCE = /^YY-[0-9A-Z]{10}$/;

/** Looks an objection up by its reference: its status, when it was lodged, and the office's reply once decided. */
export function ObjectionLookupPage() {
  const { t } = useTranslation();
  const ids = useId();
  const { reference } = route.useSearch();
  const navigate = route.useNavigate();
  const [input, setInput] = useState(reference ?? "");
  const [invalid, setInvalid] = useState(false);
  useEffect(() => setInput(reference ?? ""), [reference]);
  const valid = reference !== undefined && REFERENCE.test(reference);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = input.trim().toUpperCase();
    setInvalid(!REFERENCE.test(next));
    if (REFERENCE.test(next)) void navigate({ search: { reference: next } });
  };

  return (
    <PublicShell here={t("publicSite.lookupTitle")}>
      <h1>{t("publicSite.lookupTitle")}</h1>
      <p className="wm-lead">{t("publicSite.lookupIntro")}</p>
      <section className="wm-section">
        <search>
          <form onSubmit={submit} noValidate>
            <div className="wm-field" data-invalid={invalid ? "true" : undefined}>
              <label htmlFor={`${ids}-ref`}>{t("publicSite.fieldReference")}</label>
              <div className="wm-search-row">
                <input
                  id={`${ids}-ref`}
                  type="text"
                  value={input}
                  maxLength={20}
                  autoComplete="off"
                  spellCheck={false}
                  aria-invalid={invalid || undefined}
                  aria-describedby={`${ids}-ref-hint`}
                  onChange={(e) => setInput(e.target.value)}
                  data-testid="lookup-reference"
                />
                <button type="submit" className="wm-btn wm-btn-solid" data-testid="lookup-submit">
                  {t("publicSite.lookupButton")}
                </button>
              </div>
              <span id={`${ids}-ref-hint`} className={invalid ? "wm-error-text" : "wm-hint"}>
                {invalid ? t("publicSite.referenceInvalid") : t("publicSite.referenceHint")}
              </span>
            </div>
          </form>
        </search>
      </section>
      {valid && <LookupResult reference={reference} />}
    </PublicShell>
  );
}

function LookupResult({ reference }: { reference: string }) {
  const { t, i18n } = useTranslation();
  const status = useQuery(objectionStatusQuery(reference));
  return (
    <section className="wm-section" aria-live="polite">
      <QueryView query={status} notFound={t("publicSite.lookupNotFound")}>
        {(data) => (
          <>
            <h2 className="wm-reference" style={{ fontSize: 20 }}>
              {data.reference}
            </h2>
            <dl className="wm-facts" data-testid="lookup-result">
              <dt>{t("publicSite.statusLabel")}</dt>
              <dd data-testid="lookup-status">{t(`publicSite.objectionStatus.${data.status}`)}</dd>
              <dt>{t("publicSite.lodgedAt")}</dt>
              <dd>{instantText(data.lodgedAt, i18n.language)}</dd>
              {data.outcome && (
                <>
                  <dt>{t("publicSite.decidedAt")}</dt>
                  <dd>{instantText(data.outcome.decidedAt, i18n.language)}</dd>
                  <dt>{t("publicSite.reply")}</dt>
                  <dd data-testid="lookup-reply" style={{ whiteSpace: "pre-wrap" }}>
                    {data.outcome.reply ?? t("publicSite.noReply")}
                  </dd>
                </>
              )}
            </dl>
          </>
        )}
      </QueryView>
    </section>
  );
}
