// The report importer: pasted text → structured draft, cleaned, with what cleaning removed and changed.
import { createRouter } from "../router.ts";

export const reportParseRoutes = createRouter();
