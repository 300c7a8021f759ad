/** `npm run db:migrate`: apply pending migrations and exit. */
import { closeDb } from "../db/client";
import { loadEnv, lockDataDir, prepareDatabase } from "./prepare-database";

const env = loadEnv();
const release = await lockDataDir(env, "db:migrate");
await prepareDatabase(env);
await closeDb();
await release();
console.log(`[tessera] migrations applied (${env.databaseUrl ? "Postgres" : `embedded, ${env.dataDir}`})`);
