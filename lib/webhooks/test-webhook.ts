import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { webhookConfig } from "@/lib/webhooks/config";
import { isKnownEventType } from "@/lib/webhooks/event-types";
import { endpointForActor } from "@/lib/webhooks/find-endpoint";
import { serializePayload } from "@/lib/webhooks/payload";
import { performAttempt } from "@/lib/webhooks/perform-attempt";
import type { WebhookDeliveryObject } from "@/lib/webhooks/schemas";
import { toWebhookDelivery } from "@/lib/webhooks/serialize";

export interface SendResult {
  success: boolean;
  delivery: WebhookDeliveryObject;
  response_status: number | null;
  response_time_ms: number;
}

/**
 * The caller's view of a synchronous send (test and replay): status and
 * timing only. The receiver's body is never echoed here (threats T29: an
 * internal answer must not be reflected); it stays in the delivery log.
 */
export function sendResult(outcome: Awaited<ReturnType<typeof performAttempt>>, fallback: WebhookDeliveryObject): SendResult {
  const delivery = outcome.delivery ? toWebhookDelivery(outcome.delivery, [outcome.attempt]) : fallback;
  return {
    success: outcome.result.ok,
    delivery: {
      ...delivery,
      response_body: null,
      attempts: delivery.attempts.map((a) => ({ ...a, response_body: null })),
    },
    response_status: outcome.result.status,
    response_time_ms: outcome.result.durationMs,
  };
}

/**
 * Send a test event to an endpoint now, through the same client and signing
 * as real deliveries (spec §16.2.6); sets `last_ping_at`. Works on a disabled
 * endpoint too (it is how an owner checks a fix). The send is recorded as a
 * delivery with one `test` attempt and never retried.
 */
export async function testWebhook({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { appId: string; id: string; eventType?: string };
}): Promise<SendResult> {
  const { app, endpoint } = await endpointForActor(ctx, input.appId, input.id);
  const eventType = input.eventType ?? "webhook.test";
  if (!isKnownEventType(eventType) || eventType === "*") {
    throw new AppError({ code: "invalid_event_type", errors: { event_type: ["unknown event type"] } });
  }
  const db = await getDb();
  const id = newId();
  const claimToken = `test:${id}`;
  const [row] = await db
    .insert(webhookDeliveries)
    .values({
      id,
      appId: app.id,
      endpointId: endpoint.id,
      eventId: null,
      eventType,
      body: serializePayload({
        deliveryId: id,
        createdAt: ctx.now,
        eventType,
        appPublicId: app.publicId,
        data: { test: true, message: "This is a test webhook.", webhook_id: endpoint.id },
      }),
      // Never picked up by workers: claimed by this request from the start.
      status: "processing",
      lockedBy: claimToken,
      lockedUntil: new Date(ctx.now.getTime() + webhookConfig().leaseSeconds * 1000),
      retryLimit: 0,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .returning();
  if (!row) throw new Error("test delivery insert returned nothing");
  const outcome = await performAttempt({ delivery: row, claimToken, endpoint, app, trigger: "test", workerId: `api:${ctx.requestId}` });
  await db
    .update(webhookEndpoints)
    .set({ lastPingAt: new Date() })
    .where(and(eq(webhookEndpoints.id, endpoint.id), eq(webhookEndpoints.appId, app.id)));
  return sendResult(outcome, toWebhookDelivery(row, [outcome.attempt]));
}
