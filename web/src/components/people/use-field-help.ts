import { useTranslation } from "react-i18next";
import { fieldMessages, fieldNames } from "../../api/errors.ts";

/**
 * Puts the API's messages under the form item they name, and tells which failures named no
 * field of the form (those need an alert of their own).
 */
export function useFieldHelp(error: unknown, formFields: readonly string[]) {
  const { i18n } = useTranslation();
  const help = (field: string) => {
    const messages = fieldMessages(error, field, i18n.language);
    return messages.length > 0 ? { validateStatus: "error" as const, help: messages.join("；") } : {};
  };
  const named = fieldNames(error).some((field) => formFields.includes(field));
  return { help, unplaced: Boolean(error) && !named };
}
