import type { BatchItem, BatchResponse } from "drizzle-orm/batch";
import { type AuditEvent, runAuditedThenRead } from "./audit.ts";
import type { Db } from "./db.ts";

export interface Upload {
  /** Where the object goes in R2: under the tenant's prefix. */
  key: string;
  bytes: Uint8Array;
  /** The sniffed type, stored as the object's own. */
  contentType: string;
}

/**
 * Stores an uploaded file and the row that points at it. R2 first: a row must never point at a missing
 * object. Then the audited batch whose guard inserts the row (checking the limits inside the statement);
 * any way the row is not written — refused by its guard, or an error — removes the object again.
 * Tells whether the row was written, and what `reads` found at the end of the same batch.
 */
export async function storeUpload<R extends readonly BatchItem<"sqlite">[]>(
  db: Db,
  files: R2Bucket,
  upload: Upload,
  row: BatchItem<"sqlite">,
  event: AuditEvent,
  reads: R,
): Promise<{ applied: boolean; read: BatchResponse<R> }> {
  await files.put(upload.key, upload.bytes, { httpMetadata: { contentType: upload.contentType } });
  let applied = false;
  try {
    const stored = await runAuditedThenRead(db, [], event, { guard: row }, reads);
    applied = stored.applied;
    return stored;
  } finally {
    if (!applied) await files.delete(upload.key);
  }
}
