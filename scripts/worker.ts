/**
 * A standalone webhook delivery worker, for scaled deployments (`npm run
 * worker`; the server also runs one in-process by default). Any number of
 * these and of servers share the `webhook_deliveries` queue (see
 * lib/webhooks/README.md). Needs DATABASE_URL: the embedded database allows
 * one process, and there the server delivers webhooks itself.
 *
 * SIGTERM/SIGINT: stop claiming, finish the batch in flight, exit 0. A worker
 * killed harder leaves its claimed rows to be retried once their lease ends.
 */
import { closeDb, getDbHandle } from "../db/client";
import { checkSecretFingerprint, SecretMismatchError } from "../lib/instance/bootstrap";
import { startWebhookWorker } from "../lib/webhooks/worker";
import { fail, loadEnv } from "./prepare-database";

const env = loadEnv();
if (!env.databaseUrl) {
  fail(
    "The webhook worker needs DATABASE_URL (a Postgres server). With the embedded database, " +
      "the Tessera server delivers webhooks itself; no separate worker is needed.",
  );
}

try {
  const handle = await getDbHandle();
  // Sealed webhook secrets only open with the instance secret the server uses.
  await checkSecretFingerprint(handle.db);
} catch (e) {
  if (e instanceof SecretMismatchError) fail(e.message);
  fail(`Could not open the database: ${e instanceof Error ? e.message : String(e)}`);
}

const worker = startWebhookWorker();
console.log(`[tessera] webhook worker ${worker.workerId} started`);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`[tessera] ${signal}: finishing deliveries in flight`);
  const force = setTimeout(() => process.exit(1), 20_000);
  force.unref();
  await worker.stop();
  await closeDb().catch(() => {});
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
