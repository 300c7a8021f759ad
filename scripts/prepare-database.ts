/**
 * Shared by the server entry, `npm run db:migrate` and the CLI: validate the
 * configuration, hold the PGlite data folder, apply migrations, check the
 * instance secret. Exits with a clear message on any failure.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import lockfile from "proper-lockfile";
import { closeDb, getDbHandle, type DbHandle } from "../db/client";
import { MigrationError, migratePgliteHandle, migratePostgresUrl } from "../db/migrate";
import { type Env, EnvError, getEnv } from "../lib/env";
import { checkSecretFingerprint, SecretMismatchError } from "../lib/instance/bootstrap";

export function fail(message: string): never {
  console.error(`\n[tessera] ${message}\n`);
  process.exit(1);
}

export function loadEnv(): Env {
  try {
    return getEnv();
  } catch (e) {
    if (e instanceof EnvError) fail(e.message);
    throw e;
  }
}

/**
 * Take the lock on an embedded data folder. PGlite is single-process: a second
 * opener would corrupt it, so a CLI run refuses while a server holds it.
 */
export async function lockDataDir(env: Env, who: string): Promise<() => Promise<void>> {
  if (env.databaseUrl) return async () => {};
  mkdirSync(env.dataDir, { recursive: true, mode: 0o700 });
  try {
    return await lockfile.lock(env.dataDir, {
      lockfilePath: path.join(env.dataDir, "tessera.lock"),
      stale: 15_000,
      update: 5_000,
    });
  } catch (e) {
    if (e instanceof Error && "code" in e && e.code === "ELOCKED") {
      fail(
        `The embedded database in ${env.dataDir} is in use by another Tessera process (a running server?). ` +
          `Stop it first, or point ${who} at a Postgres server with DATABASE_URL.`,
      );
    }
    throw e;
  }
}

/** Apply migrations and the secret check; returns the open handle. */
export async function prepareDatabase(env: Env): Promise<DbHandle> {
  try {
    if (env.databaseUrl) await migratePostgresUrl(env.databaseUrl);
    const handle = await getDbHandle();
    if (handle.engine === "pglite") await migratePgliteHandle(handle);
    await checkSecretFingerprint(handle.db);
    return handle;
  } catch (e) {
    await closeDb().catch(() => {});
    if (e instanceof MigrationError || e instanceof SecretMismatchError) fail(e.message);
    const detail = e instanceof Error ? e.message : String(e);
    fail(`Could not open the database (${env.databaseUrl ? "Postgres at DATABASE_URL" : `embedded, in ${env.dataDir}`}): ${detail}`);
  }
}
