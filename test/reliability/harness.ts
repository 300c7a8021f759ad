/**
 * A process harness for reliability tests: run the real Tessera server
 * (`scripts/serve.ts`) as a child process on a free port against a fresh
 * Postgres database and data folder, wait for /v1/ready, SIGKILL it, restart
 * it with the same configuration, and talk to it over HTTP.
 *
 * Production mode (`start`) needs a build (`npm run build`; CI builds before
 * `npm run test:reliability`). For iterating locally without a build,
 * TESSERA_RELIABILITY_MODE=dev runs `next dev` instead (give it its own
 * TESSERA_NEXT_DIST_DIR, e.g. .next-rel; the first compile is slow).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export type ServerMode = "start" | "dev";

/** `start` unless TESSERA_RELIABILITY_MODE=dev. */
export function serverMode(): ServerMode {
  return process.env.TESSERA_RELIABILITY_MODE === "dev" ? "dev" : "start";
}

/** Fail early, with the fix, when production mode has no build to serve. */
export function assertBuildExists(mode: ServerMode = serverMode()): void {
  if (mode === "dev") return;
  const distDir = path.resolve(ROOT, process.env.TESSERA_NEXT_DIST_DIR || ".next");
  if (!existsSync(path.join(distDir, "BUILD_ID"))) {
    throw new Error(
      `No production build in ${distDir}: run \`npm run build\` first ` +
        "(or TESSERA_RELIABILITY_MODE=dev TESSERA_NEXT_DIST_DIR=.next-<you> to run against next dev).",
    );
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no free port"))));
    });
  });
}

export interface TempDatabase {
  url: string;
  /** Raw client on the new database, for assertions. */
  sql: postgres.Sql;
  drop: () => Promise<void>;
}

/** CREATE DATABASE on the server at `adminUrl`; `drop()` closes the client and drops it (WITH FORCE). */
export async function createTempDatabase(adminUrl: string, prefix = "tessera_rel"): Promise<TempDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  return {
    url,
    sql,
    drop: async () => {
      await sql.end({ timeout: 5 }).catch(() => {});
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

export interface ServerOptions {
  /** A Postgres URL; without it the server uses embedded PGlite in the data folder. */
  databaseUrl?: string;
  /** Extra variables (e.g. TESSERA_WEBHOOK_*); they override the harness defaults. */
  env?: Record<string, string>;
  mode?: ServerMode;
  /** How long to wait for /v1/ready (default 120 s in start mode, 300 s in dev mode). */
  readyTimeoutMs?: number;
}

export interface HttpResult {
  status: number;
  text: string;
  // Parsed JSON bodies are untyped by nature; callers narrow what they read.
  json: Record<string, unknown> | null;
}

export interface TesseraServer {
  port: number;
  baseUrl: string;
  dataDir: string;
  /** The running child (changes on restart). */
  readonly child: ChildProcess;
  /** Everything every incarnation printed, each line tagged with its incarnation number. */
  output: () => string;
  /** The first workspace API key, from `<data dir>/bootstrap.json`. */
  workspaceKey: () => string;
  /** SIGKILL the server and wait until the process is gone. */
  kill: () => Promise<void>;
  /** SIGTERM (graceful) and wait for the exit code. */
  stop: () => Promise<number | null>;
  /** Start a new server process with the same port, data folder, database and env; waits for /v1/ready. */
  restart: () => Promise<void>;
  request: (method: string, urlPath: string, opts?: { key?: string; body?: unknown }) => Promise<HttpResult>;
  /** Kill (if running) and remove the data folder. */
  dispose: () => Promise<void>;
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** Start the real server and wait until it answers /v1/ready with 200. */
export async function startServer(opts: ServerOptions = {}): Promise<TesseraServer> {
  const mode = opts.mode ?? serverMode();
  assertBuildExists(mode);
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), "tessera-rel-"));
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: mode === "dev" ? "development" : "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    TESSERA_DATA_DIR: dataDir,
    TESSERA_BASE_URL: `http://localhost:${port}`,
    TESSERA_LOG_LEVEL: "warn",
    ...opts.env,
  };
  // The test runner's own settings must not leak into the server.
  delete env.DATABASE_URL;
  delete env.TESSERA_SECRET;
  delete env.VITEST;
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  const readyTimeoutMs = opts.readyTimeoutMs ?? (mode === "dev" ? 300_000 : 120_000);
  // next dev compiles each route on its first request, which can take minutes on a busy machine.
  const requestTimeoutMs = mode === "dev" ? 300_000 : 60_000;

  const lines: string[] = [];
  let incarnation = 0;
  let child: ChildProcess;

  const spawnOne = async (): Promise<void> => {
    incarnation++;
    const tag = `[server#${incarnation}]`;
    const c = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts", mode], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    c.stdout?.on("data", (d: Buffer) => lines.push(`${tag} ${d.toString()}`));
    c.stderr?.on("data", (d: Buffer) => lines.push(`${tag}! ${d.toString()}`));
    child = c;
    const deadline = Date.now() + readyTimeoutMs;
    while (Date.now() < deadline) {
      if (!isRunning(c)) throw new Error(`server exited (${c.exitCode ?? c.signalCode}) before it was ready:\n${tail(lines)}`);
      try {
        const r = await fetch(`${baseUrl}/v1/ready`, { signal: AbortSignal.timeout(10_000) });
        if (r.status === 200) return;
      } catch {
        // not listening yet
      }
      await sleep(250);
    }
    c.kill("SIGKILL");
    throw new Error(`server not ready within ${readyTimeoutMs} ms:\n${tail(lines)}`);
  };

  const exited = (c: ChildProcess) =>
    new Promise<number | null>((resolve) => {
      if (!isRunning(c)) resolve(c.exitCode);
      else c.once("exit", (code) => resolve(code));
    });

  await spawnOne();
  const self: TesseraServer = {
    port,
    baseUrl,
    dataDir,
    get child() {
      return child;
    },
    output: () => lines.join(""),
    workspaceKey: () => {
      const boot = JSON.parse(readFileSync(path.join(dataDir, "bootstrap.json"), "utf8")) as { workspace_api_key?: unknown };
      if (typeof boot.workspace_api_key !== "string") throw new Error("bootstrap.json has no workspace_api_key");
      return boot.workspace_api_key;
    },
    kill: async () => {
      const c = child;
      const done = exited(c);
      c.kill("SIGKILL");
      await done;
    },
    stop: async () => {
      const c = child;
      const done = exited(c);
      c.kill("SIGTERM");
      return done;
    },
    restart: async () => {
      if (isRunning(child)) throw new Error("restart: the server is still running (kill or stop it first)");
      await spawnOne();
    },
    request: async (method, urlPath, o = {}) => {
      const headers: Record<string, string> = {};
      if (o.key) headers.authorization = `Bearer ${o.key}`;
      if (o.body !== undefined) headers["content-type"] = "application/json";
      const res = await fetch(`${baseUrl}${urlPath}`, {
        method,
        headers,
        body: o.body === undefined ? undefined : JSON.stringify(o.body),
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
      const text = await res.text();
      let json: Record<string, unknown> | null = null;
      try {
        const parsed: unknown = JSON.parse(text);
        if (parsed && typeof parsed === "object") json = parsed as Record<string, unknown>;
      } catch {
        // not JSON; keep the text
      }
      return { status: res.status, text, json };
    },
    dispose: async () => {
      if (isRunning(child)) await self.kill();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return self;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function tail(lines: string[], chars = 4000): string {
  return lines.join("").slice(-chars);
}

/** Poll `check` every 50 ms until it holds; on timeout throw with `what` and `context()` (e.g. server output). */
export async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
  context: () => string = () => "",
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${context().slice(-4000)}`);
    await sleep(50);
  }
}

/** mulberry32: a seeded PRNG, so a failing run can be replayed with the same seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
