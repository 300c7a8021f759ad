import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { notifyWebhookWorkers } from "@/lib/webhooks/wake";
import { startWebhookWorker } from "@/lib/webhooks/worker";
import { createTenant } from "@/test/harness";
import { createEndpoint, emitEvent } from "@/test/webhooks-fixtures";
import { type Receiver, setWebhooksAllowPrivate, startReceiver } from "@/test/webhooks-receiver";

const onPostgres = Boolean(process.env.DATABASE_URL);
let receiver: Receiver;
beforeAll(async () => {
  setWebhooksAllowPrivate(true);
  receiver = await startReceiver();
});
afterAll(async () => {
  setWebhooksAllowPrivate(false);
  await receiver.close();
});

describe.skipIf(!onPostgres)("LISTEN/NOTIFY wake-up (real Postgres)", () => {
  it("an idle worker with a one-minute poll delivers a new event at once", async () => {
    const t = await createTenant();
    await createEndpoint(t, { url: receiver.url, event_types: ["user.created"] });
    const worker = startWebhookWorker({ pollMs: 60_000 });
    try {
      expect(await worker.listening).toBe(true);
      // Let the first (empty) run finish: the worker is now asleep for a minute unless woken.
      await new Promise((r) => setTimeout(r, 500));
      receiver.received.length = 0;
      const start = Date.now();
      await emitEvent(t, "user.created", { n: 1 });
      await receiver.waitFor(1, 5_000);
      expect(Date.now() - start).toBeLessThan(5_000);
    } finally {
      await worker.stop();
    }
  });

  it("stop() returns promptly with a one-minute poll, even called while a batch runs", async () => {
    const worker = startWebhookWorker({ pollMs: 60_000 });
    expect(await worker.listening).toBe(true);
    const start = Date.now();
    await worker.stop();
    expect(Date.now() - start).toBeLessThan(10_000);
  });
});

describe.skipIf(onPostgres)("without Postgres (embedded database)", () => {
  it("the worker only polls and notifying is a no-op", async () => {
    const worker = startWebhookWorker({ pollMs: 50 });
    try {
      expect(await worker.listening).toBe(false);
      const db = await getDb();
      await db.transaction(async (tx) => notifyWebhookWorkers(tx));
    } finally {
      await worker.stop();
    }
  });
});
