// Reviewers' scoring forms (评分表) and the scores of an application
import { createRouter } from "../router.ts";

export const scoreFormRoutes = createRouter();
