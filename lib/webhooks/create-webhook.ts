import { getDb } from "@/db/client";
import type { Ctx } from "@/lib/context";
import { appForActor } from "@/lib/tenancy";
import { webhookConfig } from "@/lib/webhooks/config";
import { checkMetadata, normaliseEventTypes } from "@/lib/webhooks/endpoint-fields";
import { insertWebhookEndpoint } from "@/lib/webhooks/insert-endpoint";
import type { WebhookCreateInput, WebhookEndpointObject } from "@/lib/webhooks/schemas";
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
  const row = await db.transaction((tx) =>
    insertWebhookEndpoint(tx, ctx, app, {
      url,
      description: b.description ?? null,
      enabled: b.enabled ?? true,
      eventTypes,
      retryLimit: b.retry_limit ?? 3,
      metadata,
    }),
  );
  return toWebhookEndpoint(row, ctx.now);
}
