import "./i18n/index.ts";
import "./styles/base.css";
import "./styles/print.css";
import { QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { keys } from "./api/queries.ts";
import { createQueryClient } from "./query-client.ts";
import { buildRouter } from "./routes/tree.tsx";

const queryClient = createQueryClient(() => {
  // The session is gone: forget who we thought was signed in and ask again, coming back here after.
  queryClient.removeQueries({ queryKey: keys.me });
  const { pathname, href } = router.state.location;
  if (pathname === "/login") return;
  void router.navigate({ to: "/login", search: { redirect: href } });
});
const router = buildRouter(queryClient);

const container = document.getElementById("root");
if (!container) throw new Error("index.html lacks #root");

createRoot(container).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
