import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apiKeys, apps, sessions } from "@/db/schema";
import { invalidateAppCache } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { appForActor } from "@/lib/tenancy";

/**
 * Soft-delete an app the caller may manage (spec §4.6, T21). In the same
 * transaction every API key of the app and every user session is revoked,
 * so nothing the app issued outlives it: its keys answer 401 on the next
 * request and its public configuration 404.
 */
export async function deleteApp({ ctx, input }: { ctx: Ctx; input: { appId: string } }): Promise<void> {
  const db = await getDb();
  const app = await db.transaction(async (tx) => {
    const target = await appForActor(ctx, input.appId, tx);
    const [deleted] = await tx
      .update(apps)
      .set({ deletedAt: ctx.now, updatedAt: ctx.now })
      .where(and(eq(apps.id, target.id), isNull(apps.deletedAt)))
      .returning({ id: apps.id, publicId: apps.publicId, workspaceId: apps.workspaceId, name: apps.name });
    // Deleted by a concurrent request between the lookup and the update.
    if (!deleted) throw new AppError("app_not_found");

    const keys = await tx
      .update(apiKeys)
      .set({ revokedAt: ctx.now, updatedAt: ctx.now })
      .where(and(eq(apiKeys.appId, deleted.id), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id });
    // Uses sessions_app_idx. No RETURNING: an app may have very many sessions.
    await tx
      .update(sessions)
      .set({ revokedAt: ctx.now, revokedReason: "app_deleted", updatedAt: ctx.now })
      .where(and(eq(sessions.appId, deleted.id), isNull(sessions.revokedAt)));

    await recordEvent(tx, ctx, {
      workspaceId: deleted.workspaceId,
      appId: deleted.id,
      slug: "app.deleted",
      params: { app_id: deleted.publicId, name: deleted.name, api_keys_revoked: keys.length },
    });
    return deleted;
  });
  invalidateAppCache(app);
}
