import { ApiFailure } from "../../api/client.ts";
import type { Person } from "../../api/people.ts";

function isPerson(value: unknown): value is Person {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.id === "string" && typeof candidate.version === "number" && "role" in candidate;
}

/** The person as they are now, from a 409 `stale_version` (the API sends the current state along). */
export function currentPerson(error: unknown): Person | null {
  return error instanceof ApiFailure && error.code === "stale_version" && isPerson(error.current)
    ? error.current
    : null;
}
