import { queryOptions } from "@tanstack/react-query";
import { client, type OkBody, unwrap } from "./client.ts";

const todo = client.api.t[":tenant"].todo;

export type TodoList = OkBody<Awaited<ReturnType<typeof todo.$get>>>;
export type TodoItem = TodoList["items"][number];
export type TodoKind = TodoItem["kind"];

export const todoKey = (tenant: string) => ["t", tenant, "todo"] as const;

/** What waits for the signed-in member in this tenant: forms to score, sign-offs, decisions, days left. */
export const todoQuery = (tenant: string) =>
  queryOptions({
    queryKey: todoKey(tenant),
    queryFn: () => unwrap(todo.$get({ param: { tenant } })),
    staleTime: 30_000,
  });
