import { eq, inArray } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { webhookAttempts, webhookDeliveries } from "@/db/schema";
import { systemCtx } from "@/lib/context";
import { sweepOldDeliveries } from "@/lib/webhooks/sweep-old-deliveries";
import { createTenant, type Tenant } from "@/test/harness";
import { createEndpoint, emitEvent } from "@/test/webhooks-fixtures";
import { setWebhooksAllowPrivate } from "@/test/webhooks-receiver";

const DAY = 86_400_000;
let t: Tenant;

beforeAll(async () => {
  setWebhooksAllowPrivate(true);
  t = await createTenant();
  await createEndpoint(t, { url: "http://127.0.0.1:9/hook", event_types: ["user.created"] });
  setWebhooksAllowPrivate(false);
});
// The sweep is instance-wide: each test starts from an empty queue (this file's own database).
beforeEach(async () => {
  await (await getDb()).delete(webhookDeliveries);
});

/** Queue one delivery and put it in `status`, last changed `ageDays` ago, with one logged attempt. */
async function delivery(status: "pending" | "processing" | "delivered" | "failed", ageDays: number): Promise<string> {
  const { eventId } = await emitEvent(t, "user.created", { status, ageDays });
  const db = await getDb();
  const [row] = await db.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(eq(webhookDeliveries.eventId, eventId));
  if (!row) throw new Error("no delivery queued");
  const at = new Date(Date.now() - ageDays * DAY);
  await db.update(webhookDeliveries).set({ status, createdAt: at, updatedAt: at }).where(eq(webhookDeliveries.id, row.id));
  await db.insert(webhookAttempts).values({ deliveryId: row.id, attempt: 1, signature: "t=1,v1=00", success: status === "delivered", durationMs: 5, startedAt: at });
  return row.id;
}

describe("sweepOldDeliveries (threats R1: 30-day delivery log)", () => {
  it("deletes finished deliveries older than the retention with their attempts, and nothing else", async () => {
    const oldDelivered = await delivery("delivered", 31);
    const oldFailed = await delivery("failed", 45);
    const recentDelivered = await delivery("delivered", 29);
    const oldPending = await delivery("pending", 60);
    const oldProcessing = await delivery("processing", 60);
    const all = [oldDelivered, oldFailed, recentDelivered, oldPending, oldProcessing];

    const result = await sweepOldDeliveries({ ctx: systemCtx("sweep") });
    expect(result.deleted).toBe(2);

    const db = await getDb();
    const left = await db.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(inArray(webhookDeliveries.id, all));
    expect(left.map((r) => r.id).sort()).toEqual([recentDelivered, oldPending, oldProcessing].sort());
    const attempts = await db.select({ deliveryId: webhookAttempts.deliveryId }).from(webhookAttempts).where(inArray(webhookAttempts.deliveryId, all));
    expect(attempts.map((a) => a.deliveryId).sort()).toEqual([recentDelivered, oldPending, oldProcessing].sort());

    // Idempotent: a second sweep finds nothing.
    expect(await sweepOldDeliveries({ ctx: systemCtx("sweep") })).toEqual({ deleted: 0 });
  });

  it("works in batches and honours a shorter retention", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await delivery("delivered", 3));
    const keep = await delivery("failed", 1);
    const result = await sweepOldDeliveries({ ctx: systemCtx("sweep"), input: { retentionDays: 2, batchSize: 2 } });
    expect(result.deleted).toBe(5);
    const db = await getDb();
    const left = await db.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(inArray(webhookDeliveries.id, [...ids, keep]));
    expect(left.map((r) => r.id)).toEqual([keep]);
    expect(await sweepOldDeliveries({ ctx: systemCtx("sweep"), input: { retentionDays: 2 } })).toEqual({ deleted: 0 });
  });

  it("stops after maxBatches; the next sweep continues", async () => {
    for (let i = 0; i < 4; i++) await delivery("delivered", 40);
    expect(await sweepOldDeliveries({ ctx: systemCtx("sweep"), input: { batchSize: 1, maxBatches: 3 } })).toEqual({ deleted: 3 });
    expect(await sweepOldDeliveries({ ctx: systemCtx("sweep"), input: { batchSize: 1, maxBatches: 3 } })).toEqual({ deleted: 1 });
  });
});
