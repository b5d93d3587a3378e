import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll } from "vitest";
import { applyDemoRows } from "../../db/seed/apply.ts";
import { DEMO_PASSWORD, demoRows } from "../../db/seed/demo.ts";
import { createDb } from "../../worker/data/db.ts";
import { hashPassword } from "../../worker/domain/password.ts";

// Every test file gets its own D1: the real migrations, then the demo tenants.
beforeAll(async () => {
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
  await applyDemoRows(createDb(env.DB), demoRows(await hashPassword(DEMO_PASSWORD)));
});
