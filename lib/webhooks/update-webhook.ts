import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { webhookEndpoints } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { webhookConfig } from "@/lib/webhooks/config";
import { checkMetadata, normaliseEventTypes } from "@/lib/webhooks/endpoint-fields";
import { endpointForActor } from "@/lib/webhooks/find-endpoint";
import type { WebhookEndpointObject, WebhookUpdateInput } from "@/lib/webhooks/schemas";
import type { EndpointRow } from "@/lib/webhooks/secret";
import { toWebhookEndpoint } from "@/lib/webhooks/serialize";
import { checkWebhookUrl } from "@/lib/webhooks/validate-url";

/**
 * Change an endpoint (spec §16.2.4, PATCH and PUT): only the fields given.
 * Re-enabling clears `disabled_reason`. Records `webhook.updated`.
 */
export async function updateWebhook({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { appId: string; id: string; body: WebhookUpdateInput };
}): Promise<WebhookEndpointObject> {
  const b = input.body;
  const { app, endpoint } = await endpointForActor(ctx, input.appId, input.id);
  const set: Partial<EndpointRow> = { updatedAt: ctx.now };
  if (b.url !== undefined) set.url = await checkWebhookUrl(b.url, { allowPrivate: webhookConfig().allowPrivate });
  if (b.description !== undefined) set.description = b.description;
  if (b.enabled !== undefined) {
    set.enabled = b.enabled;
    if (b.enabled) set.disabledReason = null;
  }
  if (b.event_types !== undefined) set.eventTypes = normaliseEventTypes(b.event_types);
  if (b.retry_limit !== undefined) set.retryLimit = b.retry_limit;
  if (b.metadata !== undefined) set.metadata = checkMetadata(b.metadata);
  const db = await getDb();
  const row = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(webhookEndpoints)
      .set(set)
      .where(and(eq(webhookEndpoints.id, endpoint.id), eq(webhookEndpoints.appId, app.id)))
      .returning();
    if (!updated) throw new AppError("webhook_not_found");
    await recordEvent(tx, ctx, {
      workspaceId: app.workspaceId,
      appId: app.id,
      slug: "webhook.updated",
      params: { webhook_id: updated.id, fields: Object.keys(b).filter((k) => b[k as keyof WebhookUpdateInput] !== undefined) },
    });
    return updated;
  });
  return toWebhookEndpoint(row, ctx.now);
}
