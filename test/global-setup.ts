/**
 * Once per run: on PGlite, migrate one embedded database and dump it, so each
 * test file starts from a copy instead of re-running every migration; on
 * Postgres (DATABASE_URL set), check the server answers before any file runs.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import postgres from "postgres";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

export default async function setup(): Promise<() => void> {
  const dir = mkdtempSync(path.join(tmpdir(), "tessera-test-"));
  process.env.TESSERA_TEST_TMP = dir;
  if (process.env.DATABASE_URL) {
    const sql = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    await sql`select 1`;
    await sql.end();
  } else {
    const pg = await PGlite.create({ extensions: { pg_trgm } });
    await migrate(drizzle({ client: pg }), { migrationsFolder: path.resolve("db/migrations") });
    const dump = await pg.dumpDataDir("none");
    writeFileSync(path.join(dir, "template.tar"), Buffer.from(await dump.arrayBuffer()));
    await pg.close();
  }
  return () => rmSync(dir, { recursive: true, force: true });
}
