import { createRouter } from "../router.ts";

export const recordRoutes = createRouter();
