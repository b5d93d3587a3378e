// 问卷调查, the round owner's side: the questionnaire, the per-unit links and the A4 poster with its QR code.
import { createRouter } from "../router.ts";

export const surveyRoutes = createRouter();
