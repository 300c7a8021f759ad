import { and, eq, inArray, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apiKeys, apps, sessions, workspaces } from "@/db/schema";
import { invalidateAppCache } from "@/lib/apps/find-app";
import { findChild, parentWorkspaceFor } from "@/lib/child-workspaces/scope";
import type { Ctx } from "@/lib/context";
import { recordEvent } from "@/lib/events/record-event";

/**
 * Soft-delete a child workspace of the caller's (spec §3.12.5, threats T21):
 * in one transaction the child, every app of it, every API key of the child
 * (app and workspace keys) and every session of its apps stop working.
 */
export async function deleteChildWorkspace({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { parentRef: string; childId: string };
}): Promise<void> {
  const parent = await parentWorkspaceFor(ctx, input.parentRef);
  const db = await getDb();
  const gone = await db.transaction(async (tx) => {
    const child = await findChild(tx, parent.id, input.childId, true);
    await tx.update(workspaces).set({ deletedAt: ctx.now, updatedAt: ctx.now }).where(eq(workspaces.id, child.id));
    const deletedApps = await tx
      .update(apps)
      .set({ deletedAt: ctx.now, updatedAt: ctx.now })
      .where(and(eq(apps.workspaceId, child.id), isNull(apps.deletedAt)))
      .returning({ id: apps.id, publicId: apps.publicId, name: apps.name });
    const keys = await tx
      .update(apiKeys)
      .set({ revokedAt: ctx.now, updatedAt: ctx.now })
      .where(and(eq(apiKeys.workspaceId, child.id), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id });
    if (deletedApps.length > 0) {
      // sessions_app_idx; no RETURNING: an app may have very many sessions.
      await tx
        .update(sessions)
        .set({ revokedAt: ctx.now, revokedReason: "app_deleted", updatedAt: ctx.now })
        .where(and(inArray(sessions.appId, deletedApps.map((a) => a.id)), isNull(sessions.revokedAt)));
    }
    for (const app of deletedApps) {
      await recordEvent(tx, ctx, {
        workspaceId: child.id,
        appId: app.id,
        slug: "app.deleted",
        params: { app_id: app.publicId, name: app.name },
      });
    }
    await recordEvent(tx, ctx, {
      workspaceId: parent.id,
      slug: "workspace.child_deleted",
      params: { child_workspace_id: child.id, apps_deleted: deletedApps.length, api_keys_revoked: keys.length },
    });
    return deletedApps;
  });
  for (const app of gone) invalidateAppCache({ id: app.id, publicId: app.publicId });
}
