import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { webhookEndpoints } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { endpointForActor } from "@/lib/webhooks/find-endpoint";

/**
 * Delete an endpoint (spec §16.2.5). Its deliveries and attempts go with it
 * (ON DELETE CASCADE), so nothing pending is sent afterwards. Records `webhook.deleted`.
 */
export async function deleteWebhook({ ctx, input }: { ctx: Ctx; input: { appId: string; id: string } }): Promise<void> {
  const { app, endpoint } = await endpointForActor(ctx, input.appId, input.id);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const gone = await tx
      .delete(webhookEndpoints)
      .where(and(eq(webhookEndpoints.id, endpoint.id), eq(webhookEndpoints.appId, app.id)))
      .returning({ id: webhookEndpoints.id });
    if (gone.length === 0) throw new AppError("webhook_not_found");
    await recordEvent(tx, ctx, {
      workspaceId: app.workspaceId,
      appId: app.id,
      slug: "webhook.deleted",
      params: { webhook_id: endpoint.id, url: endpoint.url },
    });
  });
}
