/** Which text of a program prints: a published version's number, or the working draft. Hand-written (first chunk). */
export interface ProgramPrintSearch {
  version?: number | "draft";
}

export function validateProgramPrintSearch(raw: Record<string, unknown>): ProgramPrintSearch {
  if (raw.version === "draft") return { version: "draft" };
  const version = Number(raw.version);
  return Number.isInteger(version) && version >= 1 && version <= 100_000 ? { version } : {};
}
