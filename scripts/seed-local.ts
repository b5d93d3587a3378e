// Loads the demo tenants into the local D1 that `wrangler dev` uses (or the one under --persist-to DIR), with
// their demo rounds (a round in provincial review with scored applications, a round open for applications, a
// round on public notice) and their awarded units with the titles' history.
// Idempotent: rows that exist are left alone.
import { drizzle } from "drizzle-orm/d1";
import { getPlatformProxy } from "wrangler";
import * as schema from "../db/schema.ts";
import { applyDemoRows, applyDemoScoring, applyDemoTitles } from "../db/seed/apply.ts";
import { DEMO_PASSWORD, demoRows } from "../db/seed/demo.ts";
import { demoScoringRows } from "../db/seed/scoring.ts";
import { demoTitleRows } from "../db/seed/titles.ts";
import { hashPassword } from "../worker/domain/password.ts";

const flag = process.argv.indexOf("--persist-to");
const persistTo = flag >= 0 ? process.argv[flag + 1] : undefined;

const proxy = await getPlatformProxy<{ DB: D1Database }>({
  persist: persistTo ? { path: `${persistTo}/v3` } : true,
});
try {
  const rows = demoRows(await hashPassword(DEMO_PASSWORD));
  const db = drizzle(proxy.env.DB, { schema });
  await applyDemoRows(db, rows);
  const scoring = demoScoringRows(rows);
  await applyDemoScoring(db, scoring);
  const titles = demoTitleRows(rows, scoring);
  await applyDemoTitles(db, titles);
  console.log(
    `demo data: ${rows.tenants.length} tenants, ${rows.jurisdictions.length} jurisdictions, ${rows.units.length} units, ${rows.users.length} accounts (password ${DEMO_PASSWORD}); ${scoring.rounds.length + titles.rounds.length} rounds, ${scoring.applications.length + titles.applications.length} applications, ${scoring.scoreForms.length} submitted forms, ${scoring.scores.length} scores, ${scoring.surveyResponses.length} survey responses; ${rows.awards.length + scoring.awards.length + titles.awards.length} titles with ${titles.awardEvents.length} history entries, ${titles.noticeEntries.length} units on notice`,
  );
} finally {
  await proxy.dispose();
}
