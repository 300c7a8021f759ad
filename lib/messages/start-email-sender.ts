import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { sendPendingEmails } from "@/lib/messages/send-pending-emails";

const INTERVAL_MS = 2_000;
const STARTED = Symbol.for("tessera.email-sender");

/**
 * Start the background email sender in this process when an email provider
 * is configured (RESEND_API_KEY); a no-op otherwise (the dev outbox needs no
 * delivery). Safe on any number of instances: rows are claimed with SKIP LOCKED.
 */
export function startEmailSender(): void {
  if (!getEnv().resendApiKey) return;
  const g = globalThis as Record<symbol, unknown>;
  if (g[STARTED]) return;
  g[STARTED] = true;
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      // Drain: keep going while full batches come back.
      for (let i = 0; i < 10; i++) {
        const r = await sendPendingEmails();
        if (r.sent + r.retrying + r.failed < 20) break;
      }
    } catch (e) {
      log.warn("email sender run failed", { err: e instanceof Error ? e : String(e) });
    } finally {
      running = false;
    }
  };
  setInterval(() => void run(), INTERVAL_MS).unref();
}
