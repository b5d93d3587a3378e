import { awardEvents } from "../../db/schema.ts";
import type { AwardEventKind } from "../domain/vocabulary.ts";
import { type Db, newId } from "./db.ts";

export interface AwardEventFields {
  tenantId: string;
  awardId: string;
  unitId: string;
  kind: AwardEventKind;
  /** YYYY-MM-DD, Beijing. */
  effectiveOn: string;
  actorUserId: string;
  reason?: string | null;
  publicReason?: string | null;
  deadline?: string | null;
  roundId?: string | null;
}

/** One entry of a title's public history; callers put it in the batch that changes the title. */
export function awardEventInsert(db: Db, event: AwardEventFields) {
  return db.insert(awardEvents).values({
    id: newId(),
    reason: null,
    publicReason: null,
    deadline: null,
    roundId: null,
    ...event,
  });
}
