import { systemCtx } from "@/lib/context";
import { log } from "@/lib/log";
import { startEmailSender } from "@/lib/messages/start-email-sender";
import { sweepOAuthStates } from "@/lib/oauth/sweep-oauth-states";
import { startWebhookWorkerOnce } from "@/lib/webhooks/worker";
import { sweepSigningKeys } from "@/lib/signing-keys/sweep-signing-keys";
import { sweepExpiredVerifications } from "@/lib/verifications/sweep-expired-verifications";
import { sweepOldDeliveries } from "@/lib/webhooks/sweep-old-deliveries";

const INTERVAL_MS = 5 * 60_000;
/** Verifications expire to the minute: their `expired` webhook should not wait five. */
const VERIFICATION_SWEEP_MS = 60_000;
const STARTED = Symbol.for("tessera.maintenance");

/**
 * Periodic, idempotent housekeeping (safe on any number of instances):
 * promote due signing keys and retire expired ones, forget expired OAuth
 * states, delete old webhook deliveries, expire verifications (firing their
 * `expired` events), and run the email sender and the webhook worker.
 */
export function startMaintenance(): void {
  const g = globalThis as Record<symbol, unknown>;
  if (g[STARTED]) return;
  g[STARTED] = true;
  const run = async () => {
    try {
      const result = await sweepSigningKeys({ ctx: systemCtx("maintenance") });
      if (result.activated.length || result.retired.length) log.info("signing keys swept", { ...result });
      const oauthStates = await sweepOAuthStates(new Date());
      if (oauthStates) log.info("expired OAuth states swept", { count: oauthStates });
      const deliveries = await sweepOldDeliveries({ ctx: systemCtx("maintenance") });
      if (deliveries.deleted) log.info("old webhook deliveries deleted", { ...deliveries });
    } catch (e) {
      log.warn("maintenance failed", { err: e instanceof Error ? e : String(e) });
    }
  };
  const sweepVerifications = async () => {
    try {
      const result = await sweepExpiredVerifications({ ctx: systemCtx("maintenance") });
      if (result.expired || result.deliveryFailed) log.info("verifications swept", { ...result });
    } catch (e) {
      log.warn("verification sweep failed", { err: e instanceof Error ? e : String(e) });
    }
  };
  setInterval(() => void run(), INTERVAL_MS).unref();
  setInterval(() => void sweepVerifications(), VERIFICATION_SWEEP_MS).unref();
  // Delivers queued email and SMS through the app's or the instance's provider.
  startEmailSender();
  // Delivers webhooks in this process; `npm run worker` processes share the same queue.
  startWebhookWorkerOnce();
}
