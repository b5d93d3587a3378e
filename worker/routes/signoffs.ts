// Department sign-off (部门意见) on applications
import { createRouter } from "../router.ts";

export const signoffRoutes = createRouter();
