/** The D1 round trips a response reports (`Server-Timing: d1-round-trips;desc="N"`). */
export function roundTripsOf(response: { headers: Headers }): number {
  const match = /d1-round-trips;desc="(\d+)"/.exec(response.headers.get("server-timing") ?? "");
  if (!match?.[1]) throw new Error("the response reports no D1 round trips");
  return Number(match[1]);
}
