import { createRouter } from "../router.ts";

export const rollupRoutes = createRouter();
