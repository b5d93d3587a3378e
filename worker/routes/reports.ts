// The unit's report (汇报材料) on an application: read, save, locked with the application.
import { createRouter } from "../router.ts";

export const reportRoutes = createRouter();
