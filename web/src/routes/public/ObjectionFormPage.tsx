import { useMutation } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
// Type-only, so zod stays out of the bundle; the literal types keep these numbers in step with ObjectionBody.
import type { OBJECTION_TEXT_MAX as MAX, OBJECTION_TEXT_MIN as MIN } from "../../../../worker/schemas/public.ts";
import { ApiFailure, type FieldMessages } from "../../api/client.ts";
import { lodgeObjection, type ObjectionInput, type PublicNotice } from "../../api/public.ts";
import { PublicShell } from "../../components/public/PublicShell.tsx";
import { QueryView } from "../../components/public/QueryView.tsx";
import { useNotice } from "../../components/public/use-notice.ts";

const route = getRouteApi("/offices/$tenant/notices/$roundId/objection");
const OBJECTION_TEXT_MIN: typeof MIN = 10;
const OBJECTION_TEXT_MAX: typeof MAX = 2000;

/** The objection form (异议) of an open notice; on success, the reference to look the objection up with. */
export function ObjectionFormPage() {
  const { t } = useTranslation();
  const { tenant, roundId } = route.useParams();
  const { entry } = route.useSearch();
  const notice = useNotice(tenant, roundId);
  return (
    <PublicShell tenant={tenant} here={t("publicSite.formTitle")}>
      <QueryView query={notice}>
        {(data) =>
          data ? (
            <ObjectionForm tenant={tenant} notice={data} entry={entry} />
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

type Field = "entryId" | "text" | "name" | "contact" | "onBehalfOfUnit" | "sealStatement";

interface Draft {
  entryId: string;
  text: string;
  name: string;
  contact: string;
  asUnit: boolean;
  onBehalfOfUnit: string;
  sealStatement: string;
  /** The honeypot: people never see it, so any value came from a bot. */
  website: string;
}

function ObjectionForm({ tenant, notice, entry }: { tenant: string; notice: PublicNotice; entry?: string }) {
  const { t, i18n } = useTranslation();
  const ids = useId();
  const [draft, setDraft] = useState<Draft>({
    entryId: notice.units.some((u) => u.entryId === entry) ? (entry as string) : "",
    text: "",
    name: "",
    contact: "",
    asUnit: false,
    onBehalfOfUnit: "",
    sealStatement: "",
    website: "",
  });
  const [errors, setErrors] = useState<FieldMessages>({});
  const lodge = useMutation({ mutationFn: (body: ObjectionInput) => lodgeObjection(tenant, body) });
  const doneHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (lodge.isSuccess) doneHeading.current?.focus();
  }, [lodge.isSuccess]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  if (lodge.isSuccess) {
    const { reference } = lodge.data;
    return (
      <section className="wm-section" data-testid="objection-done">
        <h1 ref={doneHeading} tabIndex={-1}>
          {t("publicSite.doneTitle")}
        </h1>
        <p>{t("publicSite.doneReference")}</p>
        <p className="wm-reference" data-testid="objection-reference">
          {reference}
        </p>
        <p>{t("publicSite.doneHint")}</p>
        <div className="wm-actions">
          <Link to="/objections" search={{ reference }} className="wm-btn wm-btn-solid" data-testid="objection-lookup">
            {t("publicSite.doneLookup")}
          </Link>
          <Link to="/offices/$tenant/notices/$roundId" params={{ tenant, roundId: notice.roundId }} className="wm-btn">
            {t("publicSite.backToNotice")}
          </Link>
        </div>
      </section>
    );
  }

  if (!notice.open) {
    return <p className="wm-alert">{t("publicSite.errClosed")}</p>;
  }

  const check = (): FieldMessages => {
    const found: FieldMessages = {};
    const text = draft.text.trim().length;
    if (!draft.entryId) found.entryId = [t("publicSite.errUnit")];
    if (text < OBJECTION_TEXT_MIN || text > OBJECTION_TEXT_MAX)
      found.text = [t("publicSite.errText", { min: OBJECTION_TEXT_MIN, max: OBJECTION_TEXT_MAX })];
    if (!draft.contact.trim()) found.contact = [t("publicSite.errContact")];
    if (draft.asUnit && !draft.onBehalfOfUnit.trim()) found.onBehalfOfUnit = [t("publicSite.errUnitName")];
    if (draft.asUnit && !draft.sealStatement.trim()) found.sealStatement = [t("publicSite.errSeal")];
    return found;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = check();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      document.getElementById(`${ids}-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    lodge.mutate(
      {
        entryId: draft.entryId,
        text: draft.text.trim(),
        name: draft.name.trim() || undefined,
        contact: draft.contact.trim(),
        onBehalfOfUnit: draft.asUnit ? draft.onBehalfOfUnit.trim() : undefined,
        sealStatement: draft.asUnit ? draft.sealStatement.trim() : undefined,
        website: draft.website || undefined,
      },
      {
        onError: (error) => {
          if (error instanceof ApiFailure && error.status === 400)
            setErrors(error.localizedFields(i18n.language) ?? {});
        },
      },
    );
  };

  const failure = lodge.error instanceof ApiFailure ? lodge.error : null;
  let submitError: string | null = null;
  if (lodge.isError) {
    if (failure?.status === 409) submitError = t("publicSite.errClosed");
    else if (failure?.status === 429) submitError = t("publicSite.errRate");
    else if (failure?.status !== 400 || !failure.fields)
      submitError = t("publicSite.errSubmit", {
        message: failure ? failure.localized(i18n.language) : lodge.error.message,
      });
  }
  // Field messages the form has no place for (e.g. a body-level refusal) still reach the person.
  const known: Field[] = ["entryId", "text", "name", "contact", "onBehalfOfUnit", "sealStatement"];
  const stray = Object.entries(errors).filter(([key]) => !known.includes(key as Field));

  const field = (name: Field, label: string, input: (props: FieldProps) => ReactNode, hint?: ReactNode) => {
    const messages = errors[name];
    const describedBy = [hint ? `${ids}-${name}-hint` : "", messages ? `${ids}-${name}-error` : ""]
      .filter(Boolean)
      .join(" ");
    return (
      <div className="wm-field" data-invalid={messages ? "true" : undefined}>
        <label htmlFor={`${ids}-${name}`}>{label}</label>
        {input({
          id: `${ids}-${name}`,
          "aria-invalid": messages ? true : undefined,
          "aria-describedby": describedBy || undefined,
          "data-testid": `objection-${name}`,
        })}
        {hint && (
          <span id={`${ids}-${name}-hint`} className="wm-hint">
            {hint}
          </span>
        )}
        {messages && (
          <span id={`${ids}-${name}-error`} className="wm-error-text" data-testid={`objection-${name}-error`}>
            {messages.join("；")}
          </span>
        )}
      </div>
    );
  };
  const required = t("publicSite.requiredMark");

  return (
    <section className="wm-section">
      <h1>{t("publicSite.formTitle")}</h1>
      <p>{t("publicSite.formIntro", { title: notice.title })}</p>
      <form className="wm-form" onSubmit={submit} noValidate data-testid="objection-form">
        {field(`entryId`, `${t("publicSite.fieldUnit")}${required}`, (props) => (
          <select {...props} required value={draft.entryId} onChange={(e) => set("entryId", e.target.value)}>
            <option value="">{t("publicSite.pickUnit")}</option>
            {notice.units.map((unit) => (
              <option key={unit.entryId} value={unit.entryId}>
                {unit.unitName}
              </option>
            ))}
          </select>
        ))}
        {field(
          "text",
          `${t("publicSite.fieldText")}${required}`,
          (props) => (
            <textarea
              {...props}
              required
              maxLength={OBJECTION_TEXT_MAX}
              value={draft.text}
              onChange={(e) => set("text", e.target.value)}
            />
          ),
          <>
            {t("publicSite.textHint", { min: OBJECTION_TEXT_MIN, max: OBJECTION_TEXT_MAX })}{" "}
            <span data-testid="objection-counter">
              {t("publicSite.counter", { count: draft.text.trim().length, max: OBJECTION_TEXT_MAX })}
            </span>
          </>,
        )}
        {field("name", t("publicSite.fieldName"), (props) => (
          <input
            {...props}
            type="text"
            maxLength={40}
            autoComplete="name"
            value={draft.name}
            onChange={(e) => set("name", e.target.value)}
          />
        ))}
        {field(
          "contact",
          `${t("publicSite.fieldContact")}${required}`,
          (props) => (
            <input
              {...props}
              type="text"
              required
              maxLength={100}
              autoComplete="tel"
              value={draft.contact}
              onChange={(e) => set("contact", e.target.value)}
            />
          ),
          t("publicSite.contactHint"),
        )}
        <label className="wm-check">
          <input
            type="checkbox"
            checked={draft.asUnit}
            onChange={(e) => set("asUnit", e.target.checked)}
            aria-expanded={draft.asUnit}
            data-testid="objection-as-unit"
          />
          {t("publicSite.asUnit")}
        </label>
        {draft.asUnit && (
          <>
            {field("onBehalfOfUnit", `${t("publicSite.fieldUnitName")}${required}`, (props) => (
              <input
                {...props}
                type="text"
                maxLength={100}
                autoComplete="organization"
                value={draft.onBehalfOfUnit}
                onChange={(e) => set("onBehalfOfUnit", e.target.value)}
              />
            ))}
            {field(
              "sealStatement",
              `${t("publicSite.fieldSeal")}${required}`,
              (props) => (
                <input
                  {...props}
                  type="text"
                  maxLength={200}
                  value={draft.sealStatement}
                  onChange={(e) => set("sealStatement", e.target.value)}
                />
              ),
              t("publicSite.sealHint"),
            )}
          </>
        )}
        <div className="wm-trap" aria-hidden="true">
          <label htmlFor={`${ids}-website`}>{t("publicSite.honeypot")}</label>
          <input
            id={`${ids}-website`}
            type="text"
            name="website"
            tabIndex={-1}
            autoComplete="off"
            value={draft.website}
            onChange={(e) => set("website", e.target.value)}
          />
        </div>
        {stray.length > 0 && (
          <div className="wm-alert" role="alert">
            {stray.map(([key, messages]) => (
              <p key={key} style={{ margin: 0 }}>
                {messages.join("；")}
              </p>
            ))}
          </div>
        )}
        {submitError && (
          <p className="wm-alert" role="alert" data-testid="objection-error">
            {submitError}
          </p>
        )}
        <div>
          <button
            type="submit"
            className="wm-btn wm-btn-solid"
            disabled={lodge.isPending}
            data-testid="objection-submit"
          >
            {lodge.isPending ? t("publicSite.submitting") : t("publicSite.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}

interface FieldProps {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
  "data-testid": string;
}
