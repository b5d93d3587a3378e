import { chunkedInsert } from "../../worker/data/chunk.ts";
import type { Db } from "../../worker/data/db.ts";
import * as schema from "../schema.ts";
import type { DemoRows } from "./demo.ts";

/** Inserts the demo rows in one atomic batch; rows already present are left as they are (idempotent). */
export async function applyDemoRows(db: Db, rows: DemoRows): Promise<void> {
  const insert = <T extends Parameters<typeof chunkedInsert>[1]>(table: T, values: T["$inferInsert"][]) =>
    chunkedInsert(db, table, values, { ignoreExisting: true });
  const statements = [
    ...insert(schema.tenants, rows.tenants),
    ...insert(schema.jurisdictions, rows.jurisdictions),
    ...insert(schema.sectors, rows.sectors),
    ...insert(schema.unitKinds, rows.unitKinds),
    ...insert(schema.units, rows.units),
    ...insert(schema.users, rows.users),
    ...insert(schema.memberships, rows.memberships),
    ...insert(schema.criteriaSystems, rows.criteriaSystems),
    ...insert(schema.awards, rows.awards),
  ];
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}
