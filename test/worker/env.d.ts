import type { D1Migration } from "cloudflare:test";
import type { Bindings } from "../../worker/env.ts";

declare global {
  namespace Cloudflare {
    interface Env extends Bindings {
      TEST_MIGRATIONS: D1Migration[];
      /** ../shared/seeds/program-daye-kexie-2015-2016.txt, or "" where the shared folder is absent. */
      SEED_PROGRAM_TEXT: string;
      /** ../shared/seeds/reports-three-units.txt, or "" where the shared folder is absent. */
      SEED_REPORTS_TEXT: string;
      CI: string;
    }
    interface GlobalProps {
      mainModule: typeof import("../../worker/index.ts");
    }
  }
}
