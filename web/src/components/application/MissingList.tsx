import { Alert } from "antd";
import { useTranslation } from "react-i18next";
import type { ApiFailure } from "../../api/client.ts";
import { localizedFieldEntries } from "../../api/errors.ts";

interface Props {
  error: ApiFailure;
  onClose: () => void;
  /** Shows the item: the page opens its category and scrolls to it. */
  onPick: (code: string) => void;
}

/** A 409 evidence_incomplete: what each item lacks, each linking to its item. */
export function MissingList({ error, onClose, onPick }: Props) {
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
                  onPick(code);
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
