import { and, asc, count, desc, eq, inArray, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { webhookAttempts, webhookDeliveries } from "@/db/schema";
import { pageSize } from "@/lib/api/fields";
import type { Ctx } from "@/lib/context";
import { endpointForActor } from "@/lib/webhooks/find-endpoint";
import type { DeliveriesQueryInput, WebhookDeliveryObject } from "@/lib/webhooks/schemas";
import { type AttemptRow, toWebhookDelivery } from "@/lib/webhooks/serialize";

export interface DeliveryPage {
  deliveries: WebhookDeliveryObject[];
  pagination: { current_page: number; total_pages: number; total_count: number; per_page: number };
}

/** An endpoint's deliveries, newest first, each with its attempts; nested pagination (spec §16.2.7, §1.7). */
export async function listDeliveries({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { appId: string; id: string; query: DeliveriesQueryInput };
}): Promise<DeliveryPage> {
  const { endpoint } = await endpointForActor(ctx, input.appId, input.id);
  const q = input.query;
  const perPage = pageSize(q);
  const filters: SQL[] = [eq(webhookDeliveries.endpointId, endpoint.id)];
  if (q.status) filters.push(eq(webhookDeliveries.status, q.status));
  const where = and(...filters);
  const db = await getDb();
  const [totals] = await db.select({ n: count() }).from(webhookDeliveries).where(where);
  const total = totals?.n ?? 0;
  // webhook_deliveries_endpoint_idx / _endpoint_status_idx serve this order.
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(where)
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(perPage)
    .offset((q.page - 1) * perPage);
  const attempts = rows.length
    ? await db
        .select()
        .from(webhookAttempts)
        .where(inArray(webhookAttempts.deliveryId, rows.map((r) => r.id)))
        .orderBy(asc(webhookAttempts.attempt), asc(webhookAttempts.createdAt))
    : [];
  const byDelivery = new Map<string, AttemptRow[]>();
  for (const a of attempts) {
    const list = byDelivery.get(a.deliveryId) ?? [];
    list.push(a);
    byDelivery.set(a.deliveryId, list);
  }
  return {
    deliveries: rows.map((r) => toWebhookDelivery(r, byDelivery.get(r.id) ?? [])),
    pagination: { current_page: q.page, total_pages: Math.max(1, Math.ceil(total / perPage)), total_count: total, per_page: perPage },
  };
}
