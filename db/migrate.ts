/**
 * Applies the committed migrations (db/migrations) to either engine.
 * On Postgres the run holds an advisory lock so that several instances
 * starting together apply each migration once.
 */
import path from "node:path";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { PgliteDatabase } from "drizzle-orm/pglite";
import postgres from "postgres";
import type { DbHandle } from "./client";
import * as schema from "./schema";

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");
// An arbitrary constant identifying Tessera's migration lock.
const MIGRATION_LOCK_ID = 724_851_905;

export class MigrationError extends Error {
  constructor(cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(`Database migration failed: ${detail}`, { cause });
    this.name = "MigrationError";
  }
}

/** Migrate a Postgres database given by URL, on one dedicated connection. */
export async function migratePostgresUrl(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
    await migratePostgres(drizzlePostgres({ client: sql, schema }), { migrationsFolder: MIGRATIONS_FOLDER });
  } catch (e) {
    throw new MigrationError(e);
  } finally {
    await sql`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`.catch(() => {});
    await sql.end({ timeout: 5 });
  }
}

/** Migrate an open PGlite handle (single process, so no lock is needed). */
export async function migratePgliteHandle(handle: DbHandle): Promise<void> {
  if (!(handle.db instanceof PgliteDatabase)) throw new Error("migratePgliteHandle: not a PGlite handle");
  try {
    await migratePglite(handle.db, { migrationsFolder: MIGRATIONS_FOLDER });
  } catch (e) {
    throw new MigrationError(e);
  }
}
