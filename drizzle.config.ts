import { defineConfig } from "drizzle-kit";

// Only `generate` is used: wrangler applies the SQL files in db/migrations (locally, in tests, in production).
export default defineConfig({
  dialect: "sqlite",
  schema: "./db/schema.ts",
  out: "./db/migrations",
});
