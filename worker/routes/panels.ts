// Review panels (评审组) and declared conflicts (回避)
import { createRouter } from "../router.ts";

export const panelRoutes = createRouter();
