/**
 * One Drizzle API over two engines: Postgres through postgres.js when
 * DATABASE_URL is set, embedded PGlite in TESSERA_DATA_DIR otherwise.
 *
 * The handle lives on globalThis so that the server entry (scripts/serve.ts,
 * run by tsx) and the route handlers Next.js bundles share one instance: PGlite
 * must never be opened twice on the same folder.
 */
import { renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import pLimit from "p-limit";
import postgres from "postgres";
import { getEnv } from "@/lib/env";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything a verb can run queries on: the database or an open transaction. */
export type Executor = Db | Tx;

export interface DbHandle {
  db: Db;
  engine: "postgres" | "pglite";
  close: () => Promise<void>;
}

const GLOBAL_KEY = Symbol.for("tessera.db");
type Holder = { [GLOBAL_KEY]?: Promise<DbHandle> };
const holder = globalThis as Holder;

/**
 * postgres.js 3.4.9 degrades when more queries are queued than it has
 * connections (its internal Queue leaves holes; see shared/perf/targets.md
 * §2.5). Gate in-flight work at the pool size: single queries take one permit,
 * a transaction takes one permit for its whole life (its inner queries run on
 * the reserved connection, ungated, so they can never deadlock on the gate).
 */
export function gatePostgres(sql: postgres.Sql, permits: number): postgres.Sql {
  const gate = pLimit(permits);
  return new Proxy(sql, {
    get(target, prop, receiver) {
      if (prop === "unsafe") {
        return (query: string, params?: postgres.ParameterOrJSON<never>[], opts?: postgres.UnsafeQueryOptions) => {
          const run = () => target.unsafe(query, params, opts);
          // Drizzle either awaits the pending query or calls .values() on it.
          return {
            values: () => gate(() => run().values()),
            then: <A, B>(ok?: (v: unknown) => A, fail?: (e: unknown) => B) => gate(() => run()).then(ok, fail),
          };
        };
      }
      if (prop === "begin") {
        return (...args: Parameters<postgres.Sql["begin"]>) => gate(() => target.begin(...args));
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}

/**
 * BENCH-ONLY statement counter (bench/README.md, "Statements per request").
 * This Postgres has no pg_stat_statements preloaded, so `npm run bench` sets
 * TESSERA_BENCH_STATS_FILE and the server counts every statement postgres.js
 * sends (BEGIN/COMMIT included), writing the running total to that file at
 * most once a second. Read from process.env directly on purpose: it is a
 * benchmark probe, not configuration. Unset (always, outside the bench): no
 * hook is installed and nothing changes.
 */
const BENCH_STATS_KEY = Symbol.for("tessera.benchStatementCount");
type BenchStatsHolder = { [BENCH_STATS_KEY]?: { count: number } };

function benchStatementCounter(): { debug?: () => void } {
  const file = process.env.TESSERA_BENCH_STATS_FILE;
  if (!file) return {};
  // One counter per process, shared by every bundle's copy of this module.
  const g = globalThis as BenchStatsHolder;
  let counter = g[BENCH_STATS_KEY];
  if (!counter) {
    const state = { count: 0 };
    counter = state;
    g[BENCH_STATS_KEY] = state;
    let written = -1;
    const flush = () => {
      if (state.count === written) return;
      written = state.count;
      try {
        writeFileSync(`${file}.tmp`, JSON.stringify({ statements: state.count, at: Date.now() }));
        renameSync(`${file}.tmp`, file);
      } catch {
        // A probe must never break the server.
      }
    };
    flush();
    setInterval(flush, 1000).unref();
  }
  const shared = counter;
  return { debug: () => void shared.count++ };
}

async function openPostgres(url: string, poolSize: number): Promise<DbHandle> {
  const sql = postgres(url, {
    max: poolSize,
    onnotice: () => {},
    connection: { application_name: "tessera" },
    ...benchStatementCounter(),
  });
  const db = drizzlePostgres({ client: gatePostgres(sql, poolSize), schema });
  return { db, engine: "postgres", close: () => sql.end({ timeout: 5 }) };
}

/** Extensions the schema needs, loaded into every embedded database (pg_trgm: fuzzy user search). */
export const pgliteExtensions = { pg_trgm };

/** Open PGlite at `dataDir` (a folder, or `memory://` for tests). */
export async function openPglite(dataDir: string): Promise<DbHandle> {
  const client = await PGlite.create({
    ...(dataDir === "memory://" ? {} : { dataDir }),
    extensions: pgliteExtensions,
  });
  const db = drizzlePglite({ client, schema });
  return { db, engine: "pglite", close: () => client.close() };
}

export function pgliteDir(dataDir: string): string {
  return path.join(dataDir, "pglite");
}

/** The process-wide database handle, opened on first use. */
export function getDbHandle(): Promise<DbHandle> {
  holder[GLOBAL_KEY] ??= (async () => {
    const env = getEnv();
    return env.databaseUrl
      ? openPostgres(env.databaseUrl, env.databasePoolSize)
      : openPglite(pgliteDir(env.dataDir));
  })();
  return holder[GLOBAL_KEY];
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

/** Install a handle (tests, scripts that opened the database themselves). */
export function setDbHandle(handle: DbHandle): void {
  holder[GLOBAL_KEY] = Promise.resolve(handle);
}

export async function closeDb(): Promise<void> {
  const pending = holder[GLOBAL_KEY];
  delete holder[GLOBAL_KEY];
  if (pending) await (await pending).close();
}

export { schema };
