/**
 * Webhook fixtures: endpoints made through the real route, and events queued
 * the way lib/events/record-event.ts will queue them once the lead wires
 * enqueueWebhookDeliveries in (same transaction as the event).
 */
import { and, desc, eq } from "drizzle-orm";
import { expect } from "vitest";
import { getDb } from "@/db/client";
import { events, webhookDeliveries } from "@/db/schema";
import { POST as createWebhookRoute } from "@/app/v1/apps/[app_id]/webhooks/route";
import { systemCtx } from "@/lib/context";
import { recordEvent } from "@/lib/events/record-event";
import { enqueueWebhookDeliveries } from "@/lib/webhooks/enqueue-deliveries";
import { call, type Tenant } from "@/test/harness";

export interface EndpointBody {
  url: string;
  event_types?: string[];
  retry_limit?: number;
  enabled?: boolean;
}

/** Create an endpoint through POST /v1/apps/{app_id}/webhooks; returns the endpoint object (with `secret`). */
export async function createEndpoint(t: Tenant, body: EndpointBody): Promise<{ id: string; secret: string; url: string }> {
  const res = await call(createWebhookRoute, "POST", `/v1/apps/${t.app.publicId}/webhooks`, {
    params: { app_id: t.app.publicId },
    secret: t.appKey,
    body,
  });
  expect(res.status, res.text).toBe(200);
  return res.body;
}

/** Record an app event and queue its deliveries in one transaction; returns the event id and how many were queued. */
export async function emitEvent(
  t: Tenant,
  slug: string,
  params: Record<string, unknown> = {},
): Promise<{ eventId: string; queued: number }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const ctx = systemCtx("test-event");
    await recordEvent(tx, ctx, { workspaceId: t.workspace.id, appId: t.app.id, slug, params });
    const [event] = await tx
      .select()
      .from(events)
      .where(and(eq(events.appId, t.app.id), eq(events.requestId, "test-event"), eq(events.slug, slug)))
      .orderBy(desc(events.createdAt), desc(events.id))
      .limit(1);
    if (!event) throw new Error("event not recorded");
    // Once recordEvent queues deliveries itself, do not queue them twice.
    const already = await tx.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(eq(webhookDeliveries.eventId, event.id));
    const queued = already.length > 0 ? already.length : await enqueueWebhookDeliveries(tx, event);
    return { eventId: event.id, queued };
  });
}
