// Coverage of a criteria system by a unit's program measures, records and report paragraphs.
import { createRouter } from "../router.ts";

export const coverageRoutes = createRouter();
