import { QueryCache, QueryClient } from "@tanstack/react-query";
import { ApiFailure } from "./api/client.ts";
import { keys } from "./api/queries.ts";

export function isUnauthenticated(error: unknown): boolean {
  return error instanceof ApiFailure && error.status === 401;
}

/**
 * One client for the app. A 401 from any query means the session is gone, so the whole app hands
 * over to the login page; the `me` query is left to the route guards, which redirect themselves.
 */
export function createQueryClient(onUnauthenticated: () => void): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (!isUnauthenticated(error) || query.queryKey[0] === keys.me[0]) return;
        onUnauthenticated();
      },
    }),
    defaultOptions: {
      queries: {
        // Retrying a 4xx only delays the message the user needs to see.
        retry: (failures, error) =>
          !(error instanceof ApiFailure && error.status >= 400 && error.status < 500) && failures < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
}
