/**
 * Per test file: a fresh database (a copy of the migrated PGlite template, or
 * a new Postgres database named after this worker), a throwaway data folder
 * and a fixed instance secret. Nothing is shared between files.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import postgres from "postgres";
import { afterAll } from "vitest";
import { closeDb, type DbHandle, pgliteExtensions, setDbHandle } from "@/db/client";
import { migratePostgresUrl } from "@/db/migrate";
import * as schema from "@/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { randomBase62 } from "@/lib/ids";

const tmp = process.env.TESSERA_TEST_TMP ?? "/tmp";
process.env.TESSERA_DATA_DIR = mkdtempSync(path.join(tmp, "data-"));
process.env.TESSERA_SECRET = "test-secret-test-secret-test-secret-0123456789";
process.env.TESSERA_BASE_URL = "http://localhost:3999";
process.env.TESSERA_LOG_LEVEL ??= "silent";
resetEnvForTests();

const adminUrl = process.env.DATABASE_URL;
let dropDatabase: (() => Promise<void>) | undefined;

if (adminUrl) {
  const name = `tessera_t_${randomBase62(12).toLowerCase()}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  resetEnvForTests();
  await migratePostgresUrl(url.toString());
  dropDatabase = async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
} else {
  const template = readFileSync(path.join(tmp, "template.tar"));
  const client = await PGlite.create({ loadDataDir: new Blob([template]), extensions: pgliteExtensions });
  const handle: DbHandle = { db: drizzle({ client, schema }), engine: "pglite", close: () => client.close() };
  setDbHandle(handle);
}

afterAll(async () => {
  await closeDb();
  await dropDatabase?.();
});
