import { useQueryClient } from "@tanstack/react-query";
import { App } from "antd";
import { useTranslation } from "react-i18next";
import { type Application, applicationQuery, applicationsKey } from "../../api/applications.ts";
import { hasCode } from "../../api/errors.ts";

/**
 * Runs a write that answers with the application: the answer replaces the cached one, and the
 * application is refetched too, because writes may overlap (two uploads at once) and the answer that
 * arrives last need not be the newest. A 409
 * stale_version says so and refetches, then rethrows so the caller's own error state still shows.
 */
export function useAppWrite(tenant: string, id: string) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const key = applicationQuery(tenant, id).queryKey;
  return async (write: () => Promise<Application>): Promise<Application> => {
    try {
      const app = await write();
      queryClient.setQueryData(key, app);
      void queryClient.invalidateQueries({ queryKey: key });
      void queryClient.invalidateQueries({ queryKey: [...applicationsKey(tenant), "round"] });
      return app;
    } catch (error) {
      if (hasCode(error, "stale_version")) {
        void message.warning(t("application.stale"));
        await queryClient.invalidateQueries({ queryKey: key });
      }
      throw error;
    }
  };
}
