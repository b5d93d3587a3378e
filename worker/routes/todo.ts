// What waits for the caller: forms to score, sign-offs to give, decisions due
import { createRouter } from "../router.ts";

export const todoRoutes = createRouter();
