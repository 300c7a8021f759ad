import { systemCtx } from "@/lib/context";
import { log } from "@/lib/log";
import { startEmailSender } from "@/lib/messages/start-email-sender";
import { sweepOAuthStates } from "@/lib/oauth/sweep-oauth-states";
import { startWebhookWorkerOnce } from "@/lib/webhooks/worker";
import { sweepSigningKeys } from "@/lib/signing-keys/sweep-signing-keys";

const INTERVAL_MS = 5 * 60_000;
const STARTED = Symbol.for("tessera.maintenance");

/**
 * Periodic, idempotent housekeeping (safe on any number of instances):
 * promote due signing keys and retire expired ones, and run the email sender.
 * Later issues add token,
 * session and queue cleanup here.
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
    } catch (e) {
      log.warn("maintenance failed", { err: e instanceof Error ? e : String(e) });
    }
  };
  setInterval(() => void run(), INTERVAL_MS).unref();
  // Delivers queued email and SMS through the app's or the instance's provider.
  startEmailSender();
  // Delivers webhooks in this process; `npm run worker` processes share the same queue.
  startWebhookWorkerOnce();
}
