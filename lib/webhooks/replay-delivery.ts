import { and, eq, isNull, lt, ne, or } from "drizzle-orm";
import { getDb } from "@/db/client";
import { webhookDeliveries } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import { webhookConfig } from "@/lib/webhooks/config";
import { endpointForActor } from "@/lib/webhooks/find-endpoint";
import { performAttempt } from "@/lib/webhooks/perform-attempt";
import { toWebhookDelivery } from "@/lib/webhooks/serialize";
import { type SendResult, sendResult } from "@/lib/webhooks/test-webhook";

/**
 * Re-send a delivery now, by hand (issue 7): the same delivery id and body,
 * a fresh timestamp and signature, recorded as a `replay` attempt. The row is
 * claimed like a worker claims it, so a replay never overlaps a send in
 * flight (409 `webhook_delivery_in_progress`). Success marks it delivered; a
 * failed replay leaves it as it was (a pending delivery keeps its schedule).
 * A disabled endpoint receives nothing: 409 until it is enabled again.
 */
export async function replayDelivery({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { appId: string; id: string; deliveryId: string };
}): Promise<SendResult> {
  const { app, endpoint } = await endpointForActor(ctx, input.appId, input.id);
  if (!isUuid(input.deliveryId)) throw new AppError("webhook_delivery_not_found");
  const db = await getDb();
  const mine = and(eq(webhookDeliveries.id, input.deliveryId), eq(webhookDeliveries.endpointId, endpoint.id));
  const [current] = await db.select().from(webhookDeliveries).where(mine).limit(1);
  if (!current) throw new AppError("webhook_delivery_not_found");
  if (!endpoint.enabled) {
    throw new AppError({ code: "conflict", message: "The webhook endpoint is disabled; enable it before replaying" });
  }
  const claimToken = `replay:${ctx.requestId}`;
  const now = new Date();
  const [claimed] = await db
    .update(webhookDeliveries)
    .set({ status: "processing", lockedBy: claimToken, lockedUntil: new Date(now.getTime() + webhookConfig().leaseSeconds * 1000), updatedAt: now })
    .where(
      and(
        mine,
        eq(webhookDeliveries.status, current.status),
        // Not while a worker (or another replay) holds a live lease on it.
        or(ne(webhookDeliveries.status, "processing"), isNull(webhookDeliveries.lockedUntil), lt(webhookDeliveries.lockedUntil, now)),
      ),
    )
    .returning();
  if (!claimed) throw new AppError("webhook_delivery_in_progress");
  const outcome = await performAttempt({
    delivery: claimed,
    claimToken,
    endpoint,
    app,
    trigger: "replay",
    workerId: `api:${ctx.requestId}`,
    statusBefore: current.status,
  });
  return sendResult(outcome, toWebhookDelivery(claimed, [outcome.attempt]));
}
