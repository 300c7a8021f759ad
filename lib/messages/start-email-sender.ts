import { log } from "@/lib/log";
import { sendPendingMessages } from "@/lib/messages/send-pending-messages";

const INTERVAL_MS = 2_000;
const STARTED = Symbol.for("tessera.email-sender");

/**
 * Start the background message sender (email and SMS) in this process. It
 * always runs: an app may configure its own provider at any time (spec §19);
 * on an instance where every message goes to the dev outbox, each run is one
 * cheap query that finds nothing pending. Safe on any number of instances:
 * rows are claimed with SKIP LOCKED.
 */
export function startEmailSender(): void {
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
        const r = await sendPendingMessages();
        if (r.sent + r.retrying + r.failed < 20) break;
      }
    } catch (e) {
      log.warn("message sender run failed", { err: e instanceof Error ? e : String(e) });
    } finally {
      running = false;
    }
  };
  setInterval(() => void run(), INTERVAL_MS).unref();
}
