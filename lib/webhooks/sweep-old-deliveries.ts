import { and, inArray, lt } from "drizzle-orm";
import { getDb } from "@/db/client";
import { webhookDeliveries } from "@/db/schema";
import type { Ctx } from "@/lib/context";

/** Threats R1: the delivery log is kept for 30 days (the window Stripe's events API covers). */
export const DELIVERY_RETENTION_DAYS = 30;

export interface SweepOldDeliveriesInput {
  /** Finished deliveries whose last change is older than this many days go (default 30). */
  retentionDays?: number;
  /** Rows per DELETE (default 500): short statements, short row locks. */
  batchSize?: number;
  /** Upper bound on DELETEs per call (default 20); the next sweep continues. */
  maxBatches?: number;
}

/**
 * Maintenance sweep (the lead wires it into lib/instance/maintenance.ts):
 * delete finished deliveries — `delivered` or `failed` — last changed more
 * than `retentionDays` before `ctx.now`, with their attempts (ON DELETE
 * CASCADE). `pending` and `processing` rows are never touched, so a queued or
 * in-flight (or replaying) delivery survives however old it is. Idempotent;
 * any number of instances may run it at once. Returns how many deliveries went.
 */
export async function sweepOldDeliveries({ ctx, input = {} }: { ctx: Ctx; input?: SweepOldDeliveriesInput }): Promise<{ deleted: number }> {
  const retentionDays = input.retentionDays ?? DELIVERY_RETENTION_DAYS;
  const batchSize = input.batchSize ?? 500;
  const maxBatches = input.maxBatches ?? 20;
  const cutoff = new Date(ctx.now.getTime() - retentionDays * 86_400_000);
  const old = and(inArray(webhookDeliveries.status, ["delivered", "failed"]), lt(webhookDeliveries.updatedAt, cutoff));
  const db = await getDb();
  let deleted = 0;
  for (let i = 0; i < maxBatches; i++) {
    // No index on updated_at yet: a scan, acceptable for a sweep every few minutes (see README).
    // The subquery may be re-run under concurrency and delete a few more than batchSize; harmless.
    const batch = db.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(old).limit(batchSize);
    const gone = await db
      .delete(webhookDeliveries)
      .where(and(inArray(webhookDeliveries.id, batch), old))
      .returning({ id: webhookDeliveries.id });
    deleted += gone.length;
    if (gone.length < batchSize) break;
  }
  return { deleted };
}
