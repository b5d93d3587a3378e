import { createRouter } from "../router.ts";

export const noticeRoutes = createRouter();
