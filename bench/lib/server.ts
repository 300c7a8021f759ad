/**
 * The system under test: a fresh Postgres database, the production server
 * (`node --import tsx scripts/serve.ts start`) on a free loopback port, and
 * the statement counter the server writes when TESSERA_BENCH_STATS_FILE is
 * set (db/client.ts, bench-only hook).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");

/** The build folder the server will use (next.config.ts honours TESSERA_NEXT_DIST_DIR). */
export function distDir(): string {
  return process.env.TESSERA_NEXT_DIST_DIR || ".next";
}

export function buildId(): string | null {
  const file = path.join(ROOT, distDir(), "BUILD_ID");
  return existsSync(file) ? readFileSync(file, "utf8").trim() : null;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

export interface Database {
  name: string;
  url: string;
  sql: postgres.Sql;
  drop(): Promise<void>;
}

export async function createDatabase(adminUrl: string): Promise<Database> {
  const name = `tessera_bench_${Date.now().toString(36)}_${process.pid}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const sql = postgres(url, { max: 4, onnotice: () => {}, connection: { application_name: "tessera-bench" } });
  let dropped = false;
  return {
    name,
    url,
    sql,
    async drop() {
      if (dropped) return;
      dropped = true;
      await sql.end({ timeout: 5 }).catch(() => {});
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await a.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await a.end();
      }
    },
  };
}

export interface Server {
  port: number;
  base: string;
  pid: number;
  dataDir: string;
  workspaceKey: string;
  /** Statements the server has sent to Postgres so far, and when it wrote that count (at most once a second). */
  statements(): { count: number; at: number } | null;
  output(): string;
  stop(): Promise<void>;
}

export interface ServerOptions {
  databaseUrl: string;
  poolSize?: number;
  extraEnv?: Record<string, string>;
  /**
   * Harness development only: `next dev` in its own build folder (.next-bench),
   * so the bench can be exercised without a production build. Its figures mean nothing.
   */
  dev?: boolean;
}

export async function startServer(opts: ServerOptions): Promise<Server> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "tessera-bench-"));
  const statsFile = path.join(dataDir, "bench-stats.json");
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: opts.databaseUrl,
    DATABASE_POOL_SIZE: String(opts.poolSize ?? 10),
    TESSERA_DATA_DIR: dataDir,
    TESSERA_BASE_URL: `http://localhost:${port}`,
    TESSERA_LOG_LEVEL: "warn",
    TESSERA_BENCH_STATS_FILE: statsFile,
    ...(opts.dev ? { NODE_ENV: "development", TESSERA_NEXT_DIST_DIR: ".next-bench" } : {}),
    ...opts.extraEnv,
  };
  let out = "";
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts", opts.dev ? "dev" : "start"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (d: Buffer) => {
    out += d.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + (opts.dev ? 600_000 : 120_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${out}`);
    try {
      const r = await fetch(`${base}/v1/ready`);
      if (r.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server did not become ready:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const boot = JSON.parse(readFileSync(path.join(dataDir, "bootstrap.json"), "utf8")) as { workspace_api_key: string };
  return {
    port,
    base,
    pid: child.pid ?? -1,
    dataDir,
    workspaceKey: boot.workspace_api_key,
    statements() {
      try {
        const j = JSON.parse(readFileSync(statsFile, "utf8")) as { statements: number; at: number };
        return { count: j.statements, at: j.at };
      } catch {
        return null;
      }
    },
    output: () => out,
    async stop() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
