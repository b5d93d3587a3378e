// The public questionnaire (no login): one unit's questions, and the answers of one device.
import { createRouter } from "../router.ts";

export const publicSurveyRoutes = createRouter();
