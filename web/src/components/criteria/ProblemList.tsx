import { useTranslation } from "react-i18next";
import { ApiFailure } from "../../api/client.ts";
import { localizedMessage } from "../../api/errors.ts";

/** The API's `error.fields` (per sheet or per field) as a list, in the UI language. */
export function ProblemList({ error, testId }: { error: unknown; testId?: string }) {
  const { i18n } = useTranslation();
  const entries = error instanceof ApiFailure ? Object.entries(error.fields ?? {}) : [];
  if (entries.length === 0) return null;
  return (
    <ul data-testid={testId} style={{ margin: 0, paddingInlineStart: 20 }}>
      {entries.flatMap(([where, problems]) =>
        problems.map((p) => <li key={`${where}:${p}`}>{`${where}：${localizedMessage(p, i18n.language)}`}</li>),
      )}
    </ul>
  );
}
