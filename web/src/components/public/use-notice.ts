import { useQuery } from "@tanstack/react-query";
import { publicNoticesQuery } from "../../api/public.ts";

/** One round's notice from the office's open notices; null when it is not (or no longer) on notice. */
export function useNotice(tenant: string, roundId: string) {
  return useQuery({
    ...publicNoticesQuery(tenant),
    select: (data) => data.items.find((notice) => notice.roundId === roundId) ?? null,
  });
}
