import { getDb } from "@/db/client";
import { webhookEndpoints } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { recordEvent } from "@/lib/events/record-event";
import { appForActor } from "@/lib/tenancy";
import { webhookConfig } from "@/lib/webhooks/config";
import { checkMetadata, normaliseEventTypes } from "@/lib/webhooks/endpoint-fields";
import type { WebhookCreateInput, WebhookEndpointObject } from "@/lib/webhooks/schemas";
import { newWebhookSecret, sealWebhookSecret } from "@/lib/webhooks/secret";
import { toWebhookEndpoint } from "@/lib/webhooks/serialize";
import { checkWebhookUrl } from "@/lib/webhooks/validate-url";

/** Create an endpoint of the caller's app with a fresh `whsec_…` secret (spec §16.2.2); records `webhook.created`. */
export async function createWebhook({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { appId: string; body: WebhookCreateInput };
}): Promise<WebhookEndpointObject> {
  const app = await appForActor(ctx, input.appId);
  const b = input.body;
  const url = await checkWebhookUrl(b.url, { allowPrivate: webhookConfig().allowPrivate });
  const eventTypes = normaliseEventTypes(b.event_types ?? ["*"]);
  const metadata = checkMetadata(b.metadata ?? {});
  const db = await getDb();
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(webhookEndpoints)
      .values({
        appId: app.id,
        url,
        description: b.description ?? null,
        enabled: b.enabled ?? true,
        eventTypes,
        retryLimit: b.retry_limit ?? 3,
        metadata,
        secretSealed: sealWebhookSecret(newWebhookSecret()),
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    if (!created) throw new Error("webhook endpoint insert returned nothing");
    await recordEvent(tx, ctx, {
      workspaceId: app.workspaceId,
      appId: app.id,
      slug: "webhook.created",
      params: { webhook_id: created.id, url: created.url, event_types: created.eventTypes },
    });
    return created;
  });
  return toWebhookEndpoint(row, ctx.now);
}
