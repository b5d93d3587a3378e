import { existsSync, readFileSync } from "node:fs";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// Three projects: pure domain logic in Node; the Worker inside workerd with real D1 (migrations applied
// in test/worker/setup.ts); the SPA in Debian's Chromium against a real `wrangler dev`.
/** Seed texts live beside the checkout (../shared/seeds); tests that need them say so when they are absent. */
const SEED_PROGRAM = "../shared/seeds/program-daye-kexie-2015-2016.txt";
const SEED_REPORTS = "../shared/seeds/reports-three-units.txt";

export default defineConfig(async () => {
  const migrations = await readD1Migrations("db/migrations");
  const seedProgram = existsSync(SEED_PROGRAM) ? readFileSync(SEED_PROGRAM, "utf8") : "";
  const seedReports = existsSync(SEED_REPORTS) ? readFileSync(SEED_REPORTS, "utf8") : "";
  return {
    test: {
      projects: [
        { test: { name: "domain", include: ["test/domain/**/*.test.ts"], environment: "node" } },
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: {
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  SEED_PROGRAM_TEXT: seedProgram,
                  SEED_REPORTS_TEXT: seedReports,
                  CI: process.env.CI ?? "",
                },
              },
            }),
          ],
          test: {
            name: "worker",
            include: ["test/worker/**/*.test.ts"],
            setupFiles: ["test/worker/setup.ts"],
            testTimeout: 30_000,
          },
        },
        {
          test: {
            name: "browser",
            include: ["test/browser/**/*.test.ts"],
            globalSetup: ["test/browser/global-setup.ts"],
            environment: "node",
            testTimeout: 60_000,
            hookTimeout: 180_000,
            fileParallelism: false,
          },
        },
      ],
    },
  };
});
