import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { nameInitials } from "../../worker/domain/name-initials.ts";
import worker from "../../worker/index.ts";
import { UNITS } from "./fixtures.ts";

const initialsOf = async (id: string) =>
  (await env.DB.prepare("select name, name_initials from units where id = ?").bind(id).first<{
    name: string;
    name_initials: string | null;
  }>()) ?? { name: "", name_initials: null };

describe("the scheduled upkeep", () => {
  it("gives units written before units kept pinyin initials theirs, in every office, and leaves the others alone", async () => {
    const older = [UNITS.deyangKexie, UNITS.dayeKexie];
    await env.DB.batch(
      older.map((id) => env.DB.prepare("update units set name_initials = null where id = ?").bind(id)),
    );
    const before = await env.DB.prepare("select count(*) n from units where name_initials is null").first<{
      n: number;
    }>();
    expect(before?.n).toBe(older.length);
    const untouched = await env.DB.prepare("select id, name_initials from units where name_initials is not null").all();

    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: "17 * * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);

    for (const id of older) {
      const unit = await initialsOf(id);
      expect(unit.name_initials).toBe(nameInitials(unit.name));
    }
    expect((await initialsOf(UNITS.deyangKexie)).name_initials).toBe("dyskxjsxh");
    const after = await env.DB.prepare(
      "select id, name_initials from units where id not in (?, ?) and name_initials is not null",
    )
      .bind(...older)
      .all();
    expect(after.results).toEqual(untouched.results);
  });
});
