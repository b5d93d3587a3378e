import { createRouter } from "../router.ts";

export const publicSiteRoutes = createRouter();
