import { ApiFailure } from "./client.ts";

/** Any failure as one line in the UI language. */
export function errorText(error: unknown, language: string): string {
  if (error instanceof ApiFailure) return error.localized(language);
  return error instanceof Error ? error.message : String(error);
}

export function hasCode(error: unknown, code: string): error is ApiFailure {
  return error instanceof ApiFailure && error.code === code;
}

/**
 * Field messages of an error in the UI language: the API sends them in Chinese (`fields`) and English
 * (`fieldsEn`). Each field in the error's order; none for other failures.
 */
export function localizedFieldEntries(error: unknown, language: string): Array<[string, string[]]> {
  if (!(error instanceof ApiFailure)) return [];
  return Object.entries(error.localizedFields(language) ?? {}).map(([field, messages]) => [
    field,
    messages.map((message) => localizedMessage(message, language)),
  ]);
}

/** One field's messages from a 400, in the UI language. */
export function fieldMessages(error: unknown, field: string, language: string): string[] {
  if (!(error instanceof ApiFailure)) return [];
  return (error.localizedFields(language)?.[field] ?? []).map((message) => localizedMessage(message, language));
}

/** One of the API's "中文 / English" texts in the UI language; other texts as they are. */
export function localizedMessage(message: string, language: string): string {
  const [zh, en, ...rest] = message.split(" / ");
  if (zh === undefined || en === undefined || rest.length > 0) return message;
  return language.startsWith("en") ? en : zh;
}

/** Field names the API complained about, so a form can put each message under its input. */
export function fieldNames(error: unknown): string[] {
  return error instanceof ApiFailure && error.fields ? Object.keys(error.fields) : [];
}
