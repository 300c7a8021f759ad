/**
 * Webhook delivery settings. TEMPORARY: the lead will move the variables below
 * into lib/env.ts (the only reader of process.env); until then this is the one
 * file of lib/webhooks that reads them, at call time so tests can change them.
 *
 * - TESSERA_WEBHOOK_RETRY_BASE_SECONDS (default 60, may be fractional): the
 *   first retry delay; later ones follow the schedule in ./retry-schedule.ts.
 * - TESSERA_WEBHOOK_LEASE_SECONDS (default 60, at least the send timeout + 5 s):
 *   how long a claimed delivery stays hidden from other workers; a worker that
 *   dies mid-delivery leaves it to be retried once this runs out.
 * - TESSERA_WEBHOOK_POLL_MS (default 500): how often an idle worker looks for work.
 * - TESSERA_WEBHOOKS_ALLOW_PRIVATE (already in lib/env.ts): http and private or
 *   loopback targets, for development and tests only.
 */
import { getEnv } from "@/lib/env";

/** A delivery attempt is a failure unless a 2xx arrives within this time (spec §16.5). */
export const SEND_TIMEOUT_MS = 10_000;
/** Bytes of the receiver's answer kept in the delivery log (issue 7: first 1 KB). */
export const RESPONSE_BODY_LIMIT = 1024;

export interface WebhookConfig {
  retryBaseSeconds: number;
  leaseSeconds: number;
  pollMs: number;
  allowPrivate: boolean;
}

function num(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new Error(`${name}: must be a number from ${min} to ${max} (got "${raw}")`);
  }
  return n;
}

export function webhookConfig(): WebhookConfig {
  return {
    retryBaseSeconds: num("TESSERA_WEBHOOK_RETRY_BASE_SECONDS", 60, 0, 86_400),
    leaseSeconds: num("TESSERA_WEBHOOK_LEASE_SECONDS", 60, SEND_TIMEOUT_MS / 1000 + 5, 3600),
    pollMs: num("TESSERA_WEBHOOK_POLL_MS", 500, 10, 60_000),
    allowPrivate: getEnv().webhooksAllowPrivate,
  };
}
