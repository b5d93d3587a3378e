import { expect } from "vitest";

/**
 * Bounded load on the loopback Worker: `n` requests started together (every one is issued before any is
 * awaited), answered in the order they were made. `makeRequest(i)` builds the i-th: a typed-client call.
 */
export async function fireAtOnce<R extends { status: number }>(
  n: number,
  makeRequest: (i: number) => Promise<R>,
): Promise<R[]> {
  const requests = Array.from({ length: n }, (_, i) => makeRequest(i));
  return Promise.all(requests);
}

/** How many responses had each status, e.g. `{ 201: 49, 409: 1 }`. */
export function statusCounts(responses: readonly { status: number }[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const { status } of responses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

/** No response is a server error; the message names every status seen. */
export function expectNo5xx(responses: readonly { status: number }[]): void {
  const errors = responses.filter((r) => r.status >= 500).length;
  expect(errors, `statuses ${JSON.stringify(statusCounts(responses))}`).toBe(0);
}
