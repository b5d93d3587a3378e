import { createRouter } from "../router.ts";

export const titleRoutes = createRouter();
