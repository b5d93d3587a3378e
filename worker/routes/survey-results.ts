// 问卷调查 results: per unit and item the satisfaction rate and the points it earns, answers over time, bursts.
import { createRouter } from "../router.ts";

export const surveyResultRoutes = createRouter();
