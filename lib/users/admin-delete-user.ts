import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { appUsers } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { isUuid } from "@/lib/ids";
import { appForActor } from "@/lib/tenancy";

/**
 * Hard-delete an app user (spec §12.8). Its sessions, passkeys, OAuth
 * identities, magic links and challenges go with it through the ON DELETE
 * CASCADE foreign keys (db/schema), so every token it held answers 401 from
 * the next request on. The workspace-level base user stays: other apps of the
 * workspace may share it. A second delete, another app's user or an unknown
 * id → 404 `user_not_found`. Records `user.deleted` (the id only).
 */
export async function adminDeleteUser({ ctx, input }: { ctx: Ctx; input: { appId: string; userId: string } }): Promise<void> {
  const app = await appForActor(ctx, input.appId);
  if (!isUuid(input.userId)) throw new AppError("user_not_found");
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(appUsers)
      .where(and(eq(appUsers.id, input.userId), eq(appUsers.appId, app.id)))
      .returning({ id: appUsers.id, status: appUsers.status });
    if (!gone) throw new AppError("user_not_found");
    await recordEvent(tx, ctx, {
      workspaceId: app.workspaceId,
      appId: app.id,
      appUserId: gone.id,
      slug: "user.deleted",
      params: { user_id: gone.id, status: gone.status },
    });
  });
}
