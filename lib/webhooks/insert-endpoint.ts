import type { Executor } from "@/db/client";
import { webhookEndpoints } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { recordEvent } from "@/lib/events/record-event";
import { type EndpointRow, newWebhookSecret, sealWebhookSecret } from "@/lib/webhooks/secret";

export interface EndpointValues {
  /** Already checked by checkWebhookUrl. */
  url: string;
  description: string | null;
  enabled: boolean;
  eventTypes: string[];
  retryLimit: number;
  metadata: Record<string, unknown>;
}

/**
 * Insert an endpoint of `app` with a fresh sealed `whsec_…` secret inside the
 * caller's transaction and record `webhook.created`: the one writer behind
 * POST …/webhooks and a child workspace's provisioned endpoint.
 */
export async function insertWebhookEndpoint(
  tx: Executor,
  ctx: Ctx,
  app: Pick<AppRow, "id" | "workspaceId">,
  values: EndpointValues,
): Promise<EndpointRow> {
  const [created] = await tx
    .insert(webhookEndpoints)
    .values({
      appId: app.id,
      ...values,
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
}
