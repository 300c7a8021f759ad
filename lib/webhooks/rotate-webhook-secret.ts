import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { webhookEndpoints } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { endpointForActor } from "@/lib/webhooks/find-endpoint";
import type { WebhookEndpointObject } from "@/lib/webhooks/schemas";
import { newWebhookSecret, ROTATION_OVERLAP_MS, sealWebhookSecret } from "@/lib/webhooks/secret";
import { toWebhookEndpoint } from "@/lib/webhooks/serialize";

/**
 * Issue a new signing secret (threats T30, R4). The current one becomes the
 * previous secret and keeps signing alongside for 24 h, so receivers can
 * switch without a failed delivery. Rotating again inside the overlap drops
 * the oldest. Records `webhook.secret_rotated` (never the secret).
 */
export async function rotateWebhookSecret({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { appId: string; id: string };
}): Promise<WebhookEndpointObject> {
  const { app, endpoint } = await endpointForActor(ctx, input.appId, input.id);
  const expiresAt = new Date(ctx.now.getTime() + ROTATION_OVERLAP_MS);
  const db = await getDb();
  const row = await db.transaction(async (tx) => {
    // Guarded on the secret we read: two concurrent rotations cannot both demote the same secret.
    const [updated] = await tx
      .update(webhookEndpoints)
      .set({
        secretSealed: sealWebhookSecret(newWebhookSecret()),
        previousSecretSealed: endpoint.secretSealed,
        previousSecretExpiresAt: expiresAt,
        updatedAt: ctx.now,
      })
      .where(
        and(
          eq(webhookEndpoints.id, endpoint.id),
          eq(webhookEndpoints.appId, app.id),
          eq(webhookEndpoints.secretSealed, endpoint.secretSealed),
        ),
      )
      .returning();
    if (!updated) throw new AppError({ code: "conflict", message: "The secret was rotated concurrently; try again" });
    await recordEvent(tx, ctx, {
      workspaceId: app.workspaceId,
      appId: app.id,
      slug: "webhook.secret_rotated",
      params: { webhook_id: updated.id, previous_secret_expires_at: expiresAt.toISOString() },
    });
    return updated;
  });
  return toWebhookEndpoint(row, ctx.now);
}
