import { Alert } from "antd";
import { useTranslation } from "react-i18next";
import type { ApiFailure } from "../../api/client.ts";
import { localizedFieldEntries } from "../../api/errors.ts";

/** A 409 evidence_incomplete: what each item lacks, each linking to (scrolling to) its item. */
export function MissingList({ error, onClose }: { error: ApiFailure; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const entries = localizedFieldEntries(error, i18n.language);
  return (
    <Alert
      type="warning"
      showIcon
      closable={{ onClose }}
      title={t("application.missingTitle")}
      data-testid="missing-evidence"
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20, maxHeight: 240, overflow: "auto" }}>
          {entries.map(([code, reasons]) => (
            <li key={code} data-testid="missing-item">
              <a
                href={`#item-${code}`}
                onClick={(event) => {
                  event.preventDefault();
                  document.getElementById(`item-${code}`)?.scrollIntoView({ behavior: "smooth", block: "start" });
                }}
              >
                {code}
              </a>
              {`：${reasons.join("；")}`}
            </li>
          ))}
        </ul>
      }
    />
  );
}
