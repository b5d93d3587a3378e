import { eq } from "drizzle-orm";
import { signingKeys } from "../../db/schema.ts";
import type { Db } from "./db.ts";

/** The survey's signing key (made by migration 0005), as a statement for the request's batch. */
export function surveySigningKey(db: Db) {
  return db.select({ key: signingKeys.key }).from(signingKeys).where(eq(signingKeys.purpose, "survey")).limit(1);
}
