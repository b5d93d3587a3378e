// A round's ranking, rollups, score export, reviewer consistency and calibration
import { createRouter } from "../router.ts";

export const rankingRoutes = createRouter();
