import { and, eq, gte, inArray, lt, lte } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apps, challenges, outboxMessages, usedTokenIds, verifications } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { recordVerificationEvent } from "@/lib/verifications/events";
import type { VerificationRow } from "@/lib/verifications/types";

export interface SweepResult {
  expired: number;
  deliveryFailed: number;
  usedTokenIdsDeleted: number;
}

/** How far back pending verifications are checked for a failed message. */
const DELIVERY_LOOKBACK_MS = 24 * 3600_000;

/**
 * Maintenance sweep (spec §15.13; the lead wires it into the scheduler):
 * 1. pending verifications past `expires_at` become `expired` (their challenge
 *    too), each with one `verification.{channel}.expired` event carrying
 *    `was_opened` — also for links never opened; the guarded UPDATE makes
 *    concurrent sweeps record each expiry once;
 * 2. a pending verification whose message the sender gave up on (outbox row
 *    `failed`) gets one `…delivery_failed` event (marked on its attempt);
 * 3. spent `scute_token` ids past their expiry are forgotten.
 */
export async function sweepExpiredVerifications({ ctx, input = {} }: { ctx: Ctx; input?: { batchSize?: number } }): Promise<SweepResult> {
  const batchSize = input.batchSize ?? 200;
  const db = await getDb();
  const expired = await db.transaction(async (tx) => {
    // verifications_pending_expiry_idx.
    const due = tx
      .select({ id: verifications.id })
      .from(verifications)
      .where(and(eq(verifications.status, "pending"), lte(verifications.expiresAt, ctx.now)))
      .limit(batchSize);
    const rows = await tx
      .update(verifications)
      .set({ status: "expired", updatedAt: ctx.now })
      .where(and(inArray(verifications.id, due), eq(verifications.status, "pending")))
      .returning();
    if (rows.length === 0) return 0;
    const challengeIds = rows.map((r) => r.challengeId).filter((v): v is string => v !== null);
    if (challengeIds.length) {
      await tx
        .update(challenges)
        .set({ status: "expired", updatedAt: ctx.now })
        .where(and(inArray(challenges.id, challengeIds), eq(challenges.status, "pending")));
    }
    const appRows = await tx
      .select({ id: apps.id, workspaceId: apps.workspaceId })
      .from(apps)
      .where(inArray(apps.id, [...new Set(rows.map((r) => r.appId))]));
    const byId = new Map(appRows.map((a) => [a.id, a]));
    for (const row of rows) {
      const app = byId.get(row.appId);
      if (app) await recordVerificationEvent(tx, ctx, app, row, "expired");
    }
    return rows.length;
  });

  const deliveryFailed = await reportDeliveryFailures(ctx, batchSize);
  const spent = await db.delete(usedTokenIds).where(lt(usedTokenIds.expiresAt, ctx.now)).returning({ jti: usedTokenIds.jti });
  return { expired, deliveryFailed, usedTokenIdsDeleted: spent.length };
}

function messageIdOf(row: VerificationRow): string | null {
  const last = row.attempts[row.attempts.length - 1];
  const data = last?.data;
  if (!data || typeof data !== "object" || (data as Record<string, unknown>).delivery_failed) return null;
  const id = (data as Record<string, unknown>).message_id;
  return typeof id === "string" ? id : null;
}

async function reportDeliveryFailures(ctx: Ctx, batchSize: number): Promise<number> {
  const db = await getDb();
  const pending = await db
    .select()
    .from(verifications)
    .where(and(eq(verifications.status, "pending"), gte(verifications.createdAt, new Date(ctx.now.getTime() - DELIVERY_LOOKBACK_MS))))
    .limit(batchSize * 5);
  const byMessage = new Map<string, VerificationRow>();
  for (const row of pending) {
    const id = messageIdOf(row);
    if (id) byMessage.set(id, row);
  }
  if (byMessage.size === 0) return 0;
  const failed = await db
    .select({ id: outboxMessages.id })
    .from(outboxMessages)
    .where(and(inArray(outboxMessages.id, [...byMessage.keys()]), eq(outboxMessages.status, "failed")));
  let n = 0;
  for (const { id } of failed) {
    const row = byMessage.get(id);
    if (!row) continue;
    const attempts = row.attempts.map((a, i) =>
      i === row.attempts.length - 1 ? { ...a, data: { ...(a.data as Record<string, unknown>), delivery_failed: true } } : a,
    );
    await db.transaction(async (tx) => {
      const [updated] = await tx
        .update(verifications)
        .set({ attempts, updatedAt: ctx.now })
        .where(and(eq(verifications.id, row.id), eq(verifications.updatedAt, row.updatedAt)))
        .returning();
      const [app] = await tx.select({ id: apps.id, workspaceId: apps.workspaceId }).from(apps).where(eq(apps.id, row.appId)).limit(1);
      if (updated && app) {
        await recordVerificationEvent(tx, ctx, app, updated, "delivery_failed");
        n++;
      }
    });
  }
  return n;
}
