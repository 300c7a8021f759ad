/**
 * The webhook endpoint a child workspace gets from `webhook_url` (spec
 * §3.12.1): subscribed to every `verification.*` event of the child's app.
 * Written inside the caller's transaction with lib/webhooks' own building
 * blocks (URL rules, sealed `whsec_…` secret), so the child, its app, key and
 * endpoint commit or roll back together. The URL is checked by the caller
 * before the transaction opens (`checkChildWebhookUrl`: it may resolve DNS).
 */
import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { webhookEndpoints } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import { PROVISIONED_WEBHOOK_METADATA, VERIFICATION_EVENT_TYPES } from "@/lib/child-workspaces/scope";
import type { Ctx } from "@/lib/context";
import { recordEvent } from "@/lib/events/record-event";
import { webhookConfig } from "@/lib/webhooks/config";
import { insertWebhookEndpoint } from "@/lib/webhooks/insert-endpoint";
import type { EndpointRow } from "@/lib/webhooks/secret";
import { checkWebhookUrl } from "@/lib/webhooks/validate-url";

/** The normalised URL, or 400 `webhook_url_blocked` (same rules as POST …/webhooks). */
export function checkChildWebhookUrl(url: string): Promise<string> {
  return checkWebhookUrl(url, { allowPrivate: webhookConfig().allowPrivate });
}

/** Create the child app's provisioned endpoint (URL already checked); records `webhook.created`. */
export async function insertProvisionedWebhook(tx: Executor, ctx: Ctx, app: AppRow, url: string): Promise<EndpointRow> {
  return insertWebhookEndpoint(tx, ctx, app, {
    url,
    description: "Verification events (child workspace)",
    enabled: true,
    eventTypes: [...VERIFICATION_EVENT_TYPES],
    retryLimit: 3,
    metadata: { ...PROVISIONED_WEBHOOK_METADATA },
  });
}

/** Point the provisioned endpoint at `url` (creating it if it is gone); records `webhook.updated`. */
export async function moveProvisionedWebhook(tx: Executor, ctx: Ctx, app: AppRow, url: string): Promise<void> {
  const [updated] = await tx
    .update(webhookEndpoints)
    .set({ url, updatedAt: ctx.now })
    .where(
      and(
        eq(webhookEndpoints.appId, app.id),
        sql`${webhookEndpoints.metadata} @> ${JSON.stringify(PROVISIONED_WEBHOOK_METADATA)}::jsonb`,
      ),
    )
    .returning();
  if (!updated) {
    await insertProvisionedWebhook(tx, ctx, app, url);
    return;
  }
  await recordEvent(tx, ctx, {
    workspaceId: app.workspaceId,
    appId: app.id,
    slug: "webhook.updated",
    params: { webhook_id: updated.id, fields: ["url"] },
  });
}
