/**
 * Optional wake-ups on real Postgres (LISTEN/NOTIFY): enqueueing deliveries
 * NOTIFYs `tessera_webhooks` in the event's transaction (Postgres sends it at
 * commit, and never for a rolled-back change), and each worker LISTENs on its
 * own connection to claim at once instead of at its next poll. Polling stays
 * the fallback (missed notifications, listener down, PGlite), so correctness
 * never depends on a notification arriving.
 */
import { sql } from "drizzle-orm";
import postgres from "postgres";
import type { Executor } from "@/db/client";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";

export const WAKE_CHANNEL = "tessera_webhooks";

/** Inside the enqueueing transaction: wake the workers once it commits. No-op on the embedded database (one process, it polls). */
export async function notifyWebhookWorkers(tx: Executor): Promise<void> {
  if (!getEnv().databaseUrl) return;
  // Postgres folds identical notifications of one transaction into one.
  await tx.execute(sql.raw(`notify ${WAKE_CHANNEL}`));
}

export interface WakeListener {
  /** True once LISTEN is active; false when it could not be set up (the worker just polls). */
  ready: Promise<boolean>;
  close: () => Promise<void>;
}

/**
 * LISTEN on a dedicated connection and call `onWake` for every notification,
 * and after every (re)connect, since notifications sent while the connection
 * was down are lost. Null on the embedded database.
 */
export function listenForWebhookWork(onWake: () => void): WakeListener | null {
  const url = getEnv().databaseUrl;
  if (!url) return null;
  const client = postgres(url, { max: 1, onnotice: () => {}, connection: { application_name: "tessera-webhook-wake" } });
  const ready = client.listen(WAKE_CHANNEL, () => onWake(), onWake).then(
    () => true,
    (e: unknown) => {
      log.warn("webhook worker could not LISTEN; polling only", { err: e instanceof Error ? e : String(e) });
      return false;
    },
  );
  return {
    ready,
    close: async () => {
      await client.end({ timeout: 5 }).catch(() => {});
    },
  };
}
