/**
 * Whether a write failed on a unique index. D1 reports `UNIQUE constraint failed: table.a, table.b` (or
 * `… index 'name'` for an index over expressions), and drizzle wraps that error as the `cause` of its own:
 * every message along the chain is read.
 *
 * `targets` are the columns as SQLite lists them (`"tenants.slug"`, `"units.tenant_id, units.credit_code"`)
 * or index names; with none, any unique index counts.
 */
export function isUniqueViolation(error: unknown, ...targets: string[]): boolean {
  const text = messages(error);
  if (!text.includes("UNIQUE")) return false;
  return targets.length === 0 || targets.some((target) => text.includes(target));
}

function messages(error: unknown): string {
  const parts: string[] = [];
  let current = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth++) {
    if (!(current instanceof Error)) {
      parts.push(String(current));
      break;
    }
    parts.push(current.message);
    current = current.cause;
  }
  return parts.join("\n");
}
