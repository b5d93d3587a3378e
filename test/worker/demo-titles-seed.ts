import { env } from "cloudflare:workers";
import { applyDemoScoring, applyDemoTitles } from "../../db/seed/apply.ts";
import { demoRows } from "../../db/seed/demo.ts";
import { type DemoScoringRows, demoScoringRows } from "../../db/seed/scoring.ts";
import { type DemoTitleRows, demoTitleRows } from "../../db/seed/titles.ts";
import { createDb } from "../../worker/data/db.ts";

/**
 * Adds everything `npm start` has on top of the demo tenants to this test file's D1: the scoring rounds
 * (db/seed/scoring.ts), then the awarded units with their titles' history and the round on public notice
 * (db/seed/titles.ts, db/seed/notice.ts). Opt-in like `seedDemoScoring`: the other tests see the demo tenants'
 * 市级 and 县级 titles only, without history. Call it in the file's `beforeAll`; returns the rows it inserted.
 */
export async function seedDemoTitles(
  now: Date = new Date(),
): Promise<{ scoring: DemoScoringRows; titles: DemoTitleRows }> {
  // The rows read units, people and places from the demo rows; the password hash plays no part.
  const base = demoRows("");
  const scoring = demoScoringRows(base, now);
  const titles = demoTitleRows(base, scoring, now);
  const db = createDb(env.DB);
  await applyDemoScoring(db, scoring);
  await applyDemoTitles(db, titles);
  return { scoring, titles };
}
