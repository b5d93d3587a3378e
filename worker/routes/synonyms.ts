// The office's synonym list for suggesting criteria items (近义词表).
import { createRouter } from "../router.ts";

export const synonymRoutes = createRouter();
