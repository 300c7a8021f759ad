import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { webhookEndpoints } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { appForActor } from "@/lib/tenancy";
import type { WebhookEndpointSummaryObject } from "@/lib/webhooks/schemas";
import { toWebhookSummary } from "@/lib/webhooks/serialize";

/** The app's endpoints, oldest first, without their secrets (spec §16.2.1). */
export async function listWebhooks({ ctx, input }: { ctx: Ctx; input: { appId: string } }): Promise<WebhookEndpointSummaryObject[]> {
  const app = await appForActor(ctx, input.appId);
  const db = await getDb();
  // webhook_endpoints_app_idx (app_id, created_at).
  const rows = await db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.appId, app.id))
    .orderBy(asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id))
    .limit(1000);
  return rows.map(toWebhookSummary);
}
