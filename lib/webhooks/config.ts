/**
 * Webhook delivery settings, read from the validated configuration
 * (lib/env.ts, the only reader of process.env) at call time, so a test that
 * changes a variable and calls `resetEnvForTests()` sees the new value.
 *
 * - TESSERA_WEBHOOK_RETRY_BASE_SECONDS (default 60, may be fractional): the
 *   first retry delay; later ones follow the schedule in ./retry-schedule.ts.
 * - TESSERA_WEBHOOK_LEASE_SECONDS (default 60, at least the send timeout + 5 s):
 *   how long a claimed delivery stays hidden from other workers; a worker that
 *   dies mid-delivery leaves it to be retried once this runs out.
 * - TESSERA_WEBHOOK_POLL_MS (default 500): how often an idle worker looks for work.
 * - TESSERA_WEBHOOKS_ALLOW_PRIVATE: http and private or loopback targets, for
 *   development and tests only.
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

export function webhookConfig(): WebhookConfig {
  const env = getEnv();
  return {
    retryBaseSeconds: env.webhookRetryBaseSeconds,
    // lib/env.ts enforces the floor; this keeps the invariant if the send timeout ever grows.
    leaseSeconds: Math.max(env.webhookLeaseSeconds, SEND_TIMEOUT_MS / 1000 + 5),
    pollMs: env.webhookPollMs,
    allowPrivate: env.webhooksAllowPrivate,
  };
}
