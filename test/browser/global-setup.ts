import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";
import { CHROMIUM_PATH, chromiumAvailable } from "./browser.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** http://localhost:<port> of the `wrangler dev` under test; empty when the suite is skipped. */
    baseUrl: string;
    /** Why the browser tests are skipped, or empty when they run. */
    browserSkipReason: string;
    /** The local D1's `--persist-to` directory of the server under test (empty when skipped), for tests that
     *  must change what no route changes, e.g. let a notice's window pass. */
    persistDir: string;
  }
}

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");
const WRANGLER = join(ROOT, "node_modules/wrangler/bin/wrangler.js");
const VITE = join(ROOT, "node_modules/vite/bin/vite.js");
const QUIET_ENV = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" };

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? done(address.port) : fail(new Error("no port"))));
    });
  });
}

/** Runs one setup step with this Node (24), failing with its output when it fails. */
async function step(label: string, args: string[], env: NodeJS.ProcessEnv = QUIET_ENV): Promise<void> {
  try {
    await run(process.execPath, args, { cwd: ROOT, env, maxBuffer: 32 * 1024 * 1024 });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`browser tests: ${label} failed\n${stdout}\n${stderr}`);
  }
}

async function waitForHealth(baseUrl: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`wrangler dev exited (${server.exitCode}):\n${log()}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`wrangler dev did not answer /api/health within 120 s:\n${log()}`);
}

/** Kills wrangler and its workerd children: it runs as its own process group. */
async function stopGroup(server: ChildProcess): Promise<void> {
  const pid = server.pid;
  if (pid === undefined || server.exitCode !== null) return;
  const exited = new Promise<void>((done) => server.once("exit", () => done()));
  try {
    process.kill(-pid, "SIGTERM");
  } catch {
    return; // Already gone.
  }
  const timeout = new Promise<"timeout">((done) => setTimeout(() => done("timeout"), 5_000));
  if ((await Promise.race([exited, timeout])) === "timeout") {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // Gone meanwhile.
    }
  }
}

export interface LocalServer {
  baseUrl: string;
  persistDir: string;
  /** Stops wrangler and deletes its D1. */
  stop: () => Promise<void>;
}

/**
 * The SPA built, a fresh local D1 migrated and seeded with the demo, and `wrangler dev` answering on a free port:
 * the browser tests' server, and scripts/screens.ts's.
 */
export async function startServer(): Promise<LocalServer> {
  // NODE_ENV from the test runner would make Vite bundle React's development build.
  await step("vite build", [VITE, "build", "--logLevel", "warn"], { ...process.env, NODE_ENV: "production" });

  const persistDir = mkdtempSync(join(tmpdir(), "wenming-browser-"));
  try {
    await step("d1 migrations", [WRANGLER, "d1", "migrations", "apply", "DB", "--local", "--persist-to", persistDir]);
    await step("seed", [join(ROOT, "scripts/seed-local.ts"), "--persist-to", persistDir]);
  } catch (error) {
    rmSync(persistDir, { recursive: true, force: true });
    throw error;
  }

  const port = await freePort();
  // Its own inspector port too, so a second wrangler on the machine (a dev server, the bench) cannot clash.
  const inspectorPort = await freePort();
  // `localhost`, not 127.0.0.1: the app's cookie is `__Host-…; Secure`, which browsers accept over
  // plain http only from localhost.
  const baseUrl = `http://localhost:${port}`;
  const server = spawn(
    process.execPath,
    [
      WRANGLER,
      "dev",
      "--port",
      String(port),
      "--inspector-port",
      String(inspectorPort),
      "--persist-to",
      persistDir,
      "--show-interactive-dev-session=false",
    ],
    { cwd: ROOT, env: QUIET_ENV, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-20_000);
  };
  server.stdout?.on("data", keep);
  server.stderr?.on("data", keep);

  const stop = async () => {
    await stopGroup(server);
    rmSync(persistDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseUrl, server, () => output);
  } catch (error) {
    await stop();
    throw error;
  }

  return { baseUrl, persistDir, stop };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!chromiumAvailable()) {
    const reason = `browser tests did not run: ${CHROMIUM_PATH} missing`;
    // In CI a missing browser must fail the run, not pass it silently.
    if (process.env.CI === "true") throw new Error(reason);
    const banner = "!".repeat(reason.length + 8);
    console.warn(`\n${banner}\n!!! ${reason} !!!\n${banner}\n`);
    project.provide("baseUrl", "");
    project.provide("browserSkipReason", reason);
    project.provide("persistDir", "");
    return async () => {};
  }

  const server = await startServer();
  project.provide("baseUrl", server.baseUrl);
  project.provide("browserSkipReason", "");
  project.provide("persistDir", server.persistDir);
  return server.stop;
}
