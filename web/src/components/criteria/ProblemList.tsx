import { useTranslation } from "react-i18next";
import { localizedFieldEntries } from "../../api/errors.ts";

/** The API's `error.fields` (per sheet or per field) as a list, in the UI language. */
export function ProblemList({ error, testId }: { error: unknown; testId?: string }) {
  const { i18n } = useTranslation();
  const entries = localizedFieldEntries(error, i18n.language);
  if (entries.length === 0) return null;
  return (
    <ul data-testid={testId} style={{ margin: 0, paddingInlineStart: 20 }}>
      {entries.flatMap(([where, problems]) => problems.map((p) => <li key={`${where}:${p}`}>{`${where}：${p}`}</li>))}
    </ul>
  );
}
