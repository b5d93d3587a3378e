// 互评: the round owner's settings and peer assignment, each unit's form, and the peers' points per unit.
import { createRouter } from "../router.ts";

export const mutualRoutes = createRouter();
