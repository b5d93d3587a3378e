import { env } from "cloudflare:workers";
import { applyDemoScoring } from "../../db/seed/apply.ts";
import { demoRows } from "../../db/seed/demo.ts";
import { type DemoScoringRows, demoScoringRows } from "../../db/seed/scoring.ts";
import { createDb } from "../../worker/data/db.ts";

/**
 * Adds the demo rounds (db/seed/scoring.ts: a round in provincial review with scored applications, a round open
 * for applications) to this test file's D1, as `npm start` has them. Not in every file's setup: the other
 * tests see the demo tenants without rounds. Call it in the file's `beforeAll`; returns the rows it inserted.
 */
export async function seedDemoScoring(now: Date = new Date()): Promise<DemoScoringRows> {
  // The scoring rows read units, people and places from the demo rows; the password hash plays no part.
  const rows = demoScoringRows(demoRows(""), now);
  await applyDemoScoring(createDb(env.DB), rows);
  return rows;
}
