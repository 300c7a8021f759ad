/**
 * The webhook delivery worker. The `webhook_deliveries` table is the queue
 * (see ./README.md): a worker claims due rows with one UPDATE over a
 * `FOR UPDATE SKIP LOCKED` selection and a lease, sends each claimed row once,
 * and records the outcome guarded by its claim token. Any number of workers
 * (in the app process and in `scripts/worker.ts` processes) share the table
 * without two of them holding the same attempt; a worker that dies leaves
 * leases that run out, and the rows are claimed again (at least once, never lost).
 */
import { and, asc, eq, inArray, lt, lte, or } from "drizzle-orm";
import { hostname } from "node:os";
import { getDb } from "@/db/client";
import { apps, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { randomToken } from "@/lib/crypto";
import { log } from "@/lib/log";
import { webhookConfig } from "@/lib/webhooks/config";
import { performAttempt } from "@/lib/webhooks/perform-attempt";
import type { DeliveryRow } from "@/lib/webhooks/serialize";
import { listenForWebhookWork } from "@/lib/webhooks/wake";

export const DEFAULT_BATCH_SIZE = 10;

/** A process-unique worker name for `locked_by` and the attempt log. */
export function newWorkerId(): string {
  return `${hostname().slice(0, 40)}:${process.pid}:${randomToken(4)}`;
}

/** Due rows: pending whose time has come, or processing whose lease ran out (a crashed worker's). */
function dueCondition(now: Date) {
  return or(
    and(eq(webhookDeliveries.status, "pending"), lte(webhookDeliveries.nextAttemptAt, now)),
    and(eq(webhookDeliveries.status, "processing"), lt(webhookDeliveries.lockedUntil, now)),
  );
}

export interface Claim {
  rows: DeliveryRow[];
  claimToken: string;
}

/**
 * Claim up to `limit` due deliveries for `leaseSeconds`. Rows another worker
 * is claiming right now are skipped (SKIP LOCKED), and the UPDATE re-checks
 * due-ness, so a row is never claimed twice within one lease.
 */
export async function claimDeliveries(opts: { workerId: string; limit?: number; leaseSeconds?: number; now?: Date }): Promise<Claim> {
  const now = opts.now ?? new Date();
  const leaseMs = (opts.leaseSeconds ?? webhookConfig().leaseSeconds) * 1000;
  const claimToken = `${opts.workerId}/${randomToken(6)}`;
  const db = await getDb();
  // Two statements in one transaction rather than `UPDATE … WHERE id IN (SELECT … LIMIT n FOR UPDATE
  // SKIP LOCKED)`: Postgres may re-run such a subquery and claim more than `n` rows. The row locks
  // taken here are held until the UPDATE commits, so no other worker can claim the same rows.
  const rows = await db.transaction(async (tx) => {
    // webhook_deliveries_due_idx and webhook_deliveries_lease_idx (partial) find the candidates.
    const due = await tx
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(dueCondition(now))
      .orderBy(asc(webhookDeliveries.nextAttemptAt))
      .limit(opts.limit ?? DEFAULT_BATCH_SIZE)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(webhookDeliveries)
      .set({ status: "processing", lockedBy: claimToken, lockedUntil: new Date(now.getTime() + leaseMs), updatedAt: now })
      .where(and(inArray(webhookDeliveries.id, due.map((d) => d.id)), dueCondition(now)))
      .returning();
  });
  return { rows, claimToken };
}

export type ProcessResult = "delivered" | "retrying" | "failed" | "lost_lease";

/** Send one claimed delivery (or fail it unsent when its endpoint is disabled or its app deleted). */
export async function processDelivery(row: DeliveryRow, claimToken: string, workerId: string): Promise<ProcessResult> {
  const db = await getDb();
  const [target] = await db
    .select({ endpoint: webhookEndpoints, app: { id: apps.id, workspaceId: apps.workspaceId, name: apps.name, deletedAt: apps.deletedAt } })
    .from(webhookEndpoints)
    .innerJoin(apps, eq(apps.id, webhookEndpoints.appId))
    .where(eq(webhookEndpoints.id, row.endpointId))
    .limit(1);
  if (!target || !target.endpoint.enabled || target.app.deletedAt) {
    const reason = !target ? "endpoint_deleted" : target.app.deletedAt ? "app_deleted" : "endpoint_disabled";
    const now = new Date();
    const done = await db
      .update(webhookDeliveries)
      .set({ status: "failed", failureReason: reason, lockedBy: null, lockedUntil: null, updatedAt: now })
      .where(and(eq(webhookDeliveries.id, row.id), eq(webhookDeliveries.lockedBy, claimToken), eq(webhookDeliveries.status, "processing")))
      .returning({ id: webhookDeliveries.id });
    return done.length ? "failed" : "lost_lease";
  }
  const outcome = await performAttempt({ delivery: row, claimToken, endpoint: target.endpoint, app: target.app, trigger: "automatic", workerId });
  if (!outcome.delivery) return "lost_lease";
  return outcome.delivery.status === "delivered" ? "delivered" : outcome.delivery.status === "pending" ? "retrying" : "failed";
}

export interface RunResult {
  claimed: number;
  delivered: number;
  retrying: number;
  failed: number;
  lostLease: number;
}

/** Claim one batch and send it concurrently. */
export async function runWebhookWorkerOnce(opts: { workerId?: string; limit?: number; now?: Date } = {}): Promise<RunResult> {
  const workerId = opts.workerId ?? newWorkerId();
  const started = Date.now();
  const { rows, claimToken } = await claimDeliveries({ workerId, limit: opts.limit, now: opts.now });
  const result: RunResult = { claimed: rows.length, delivered: 0, retrying: 0, failed: 0, lostLease: 0 };
  const outcomes = await Promise.allSettled(rows.map((r) => processDelivery(r, claimToken, workerId)));
  for (const o of outcomes) {
    if (o.status === "rejected") {
      // The row stays `processing` and is retried once its lease runs out.
      log.warn("webhook delivery failed to process", { err: o.reason instanceof Error ? o.reason : String(o.reason) });
      continue;
    }
    if (o.value === "delivered") result.delivered++;
    else if (o.value === "retrying") result.retrying++;
    else if (o.value === "failed") result.failed++;
    else result.lostLease++;
  }
  if (rows.length) log.debug("webhook batch", { workerId, ...result, ms: Date.now() - started });
  return result;
}

export interface WebhookWorker {
  workerId: string;
  /** True once woken by NOTIFY on Postgres (./wake.ts); false when it only polls (PGlite, LISTEN failed). */
  listening: Promise<boolean>;
  /** Stop claiming, wait for the batch in flight, resolve. */
  stop: () => Promise<void>;
}

/**
 * Start a polling loop in this process: claim a batch, send it, and go again
 * at once while batches come back full; otherwise wait `pollMs`
 * (TESSERA_WEBHOOK_POLL_MS, default 500 ms), or until a NOTIFY from
 * enqueueWebhookDeliveries wakes it (Postgres only). Errors (a database
 * outage) are logged and the loop backs off; it never exits on its own.
 */
export function startWebhookWorker(opts: { pollMs?: number; batchSize?: number; workerId?: string } = {}): WebhookWorker {
  const workerId = opts.workerId ?? newWorkerId();
  const pollMs = opts.pollMs ?? webhookConfig().pollMs;
  const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
  let stopping = false;
  let wake: (() => void) | null = null;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      // stop() called mid-batch found no sleep to cut short: do not start one.
      if (stopping) return resolve();
      const timer = setTimeout(() => {
        wake = null;
        resolve();
      }, ms);
      timer.unref?.();
      wake = () => {
        clearTimeout(timer);
        wake = null;
        resolve();
      };
    });
  // Set by a notification that arrives mid-batch, so the loop goes again instead of sleeping.
  let notified = false;
  const listener = listenForWebhookWork(() => {
    notified = true;
    wake?.();
  });
  const loop = (async () => {
    let failures = 0;
    while (!stopping) {
      try {
        notified = false;
        const r = await runWebhookWorkerOnce({ workerId, limit: batchSize });
        failures = 0;
        if (r.claimed < batchSize && !notified) await sleep(pollMs);
      } catch (e) {
        failures++;
        log.warn("webhook worker run failed", { workerId, err: e instanceof Error ? e : String(e) });
        await sleep(Math.min(30_000, pollMs * 2 ** Math.min(failures, 6)));
      }
    }
  })();
  return {
    workerId,
    listening: listener?.ready ?? Promise.resolve(false),
    stop: async () => {
      stopping = true;
      wake?.();
      await loop;
      await listener?.close();
    },
  };
}

const STARTED = Symbol.for("tessera.webhook-worker");

/**
 * Start the in-process worker once per process (instrumentation.ts calls
 * this; later calls return the same worker). Separate worker processes use
 * scripts/worker.ts instead.
 */
export function startWebhookWorkerOnce(): WebhookWorker {
  const g = globalThis as Record<symbol, WebhookWorker | undefined>;
  g[STARTED] ??= startWebhookWorker();
  return g[STARTED];
}
