// Loads the demo tenants into the local D1 that `wrangler dev` uses (or the one under --persist-to DIR).
// Idempotent: rows that exist are left alone.
import { drizzle } from "drizzle-orm/d1";
import { getPlatformProxy } from "wrangler";
import * as schema from "../db/schema.ts";
import { applyDemoRows } from "../db/seed/apply.ts";
import { DEMO_PASSWORD, demoRows } from "../db/seed/demo.ts";
import { hashPassword } from "../worker/domain/password.ts";

const flag = process.argv.indexOf("--persist-to");
const persistTo = flag >= 0 ? process.argv[flag + 1] : undefined;

const proxy = await getPlatformProxy<{ DB: D1Database }>({
  persist: persistTo ? { path: `${persistTo}/v3` } : true,
});
try {
  const rows = demoRows(await hashPassword(DEMO_PASSWORD));
  await applyDemoRows(drizzle(proxy.env.DB, { schema }), rows);
  console.log(
    `demo data: ${rows.tenants.length} tenants, ${rows.jurisdictions.length} jurisdictions, ${rows.units.length} units, ${rows.users.length} accounts (password ${DEMO_PASSWORD})`,
  );
} finally {
  await proxy.dispose();
}
