// The city's decision on an application: recommend within the quota, or not, with a reason
import { createRouter } from "../router.ts";

export const decisionRoutes = createRouter();
