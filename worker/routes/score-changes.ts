// Score changes after a stage closed: proposed with a reason, applied on a second reviewer's approval
import { createRouter } from "../router.ts";

export const scoreChangeRoutes = createRouter();
