import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { apps, type events, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { newId } from "@/lib/ids";
import { eventTypeMatches } from "@/lib/webhooks/event-types";
import { serializePayload } from "@/lib/webhooks/payload";
import { notifyWebhookWorkers } from "@/lib/webhooks/wake";

export type EventRow = typeof events.$inferSelect;

/**
 * The outbox step (threats R1): given an event row just inserted in `tx`,
 * queue one pending delivery per enabled endpoint of its app whose
 * `event_types` match, in the same transaction — the deliveries exist if and
 * only if the change that caused the event committed. Each body is
 * serialized here, once (spec §16.3; payload `id` = delivery id). Events
 * without an app (workspace-level) have no subscribers. Returns how many
 * deliveries were queued. One indexed SELECT when the app has no endpoints.
 * On Postgres it also NOTIFYs the workers (./wake.ts), delivered at commit.
 */
export async function enqueueWebhookDeliveries(tx: Executor, event: EventRow): Promise<number> {
  if (!event.appId) return 0;
  // webhook_endpoints_app_idx; the join skips deleted apps.
  const endpoints = await tx
    .select({ id: webhookEndpoints.id, eventTypes: webhookEndpoints.eventTypes, retryLimit: webhookEndpoints.retryLimit, appPublicId: apps.publicId })
    .from(webhookEndpoints)
    .innerJoin(apps, eq(apps.id, webhookEndpoints.appId))
    .where(and(eq(webhookEndpoints.appId, event.appId), eq(webhookEndpoints.enabled, true), isNull(apps.deletedAt)));
  const targets = endpoints.filter((e) => eventTypeMatches(e.eventTypes, event.slug));
  if (targets.length === 0) return 0;
  const data: Record<string, unknown> = { ...event.params };
  if (event.appUserId && data.user_id === undefined) data.user_id = event.appUserId;
  const appId = event.appId;
  await tx.insert(webhookDeliveries).values(
    targets.map((e) => {
      const id = newId();
      return {
        id,
        appId,
        endpointId: e.id,
        eventId: event.id,
        eventType: event.slug,
        body: serializePayload({ deliveryId: id, createdAt: event.createdAt, eventType: event.slug, appPublicId: e.appPublicId, data }),
        retryLimit: e.retryLimit,
        nextAttemptAt: event.createdAt,
        createdAt: event.createdAt,
        updatedAt: event.createdAt,
      };
    }),
  );
  await notifyWebhookWorkers(tx);
  return targets.length;
}
