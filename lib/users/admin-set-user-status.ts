import { and, eq, isNull } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { appUsers, sessions } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { appForActor } from "@/lib/tenancy";
import { requireAppUser } from "@/lib/users/admin-user-data";
import type { AppUserRow } from "@/lib/users/serialize";

/** Revoke every live session of a user in one UPDATE; returns how many were revoked. */
export async function revokeAllUserSessions(
  tx: Executor,
  ctx: Ctx,
  input: { app: Pick<AppRow, "id">; userId: string; reason: string },
): Promise<number> {
  const revoked = await tx
    .update(sessions)
    .set({ revokedAt: ctx.now, revokedReason: input.reason, updatedAt: ctx.now })
    .where(and(eq(sessions.appUserId, input.userId), eq(sessions.appId, input.app.id), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return revoked.length;
}

/**
 * Activate or deactivate a user (spec §12.9). Deactivation keeps the user but
 * revokes all its sessions in the same transaction (their access and refresh
 * tokens answer 401 at once) and sign-in routes refuse it with 403
 * `user_inactive`. Both are idempotent 200s; `user.activated` /
 * `user.deactivated` is recorded only when the status changes.
 */
export async function adminSetUserStatus({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { appId: string; userId: string; status: "active" | "inactive" };
}): Promise<{ app: AppRow; user: AppUserRow }> {
  const app = await appForActor(ctx, input.appId);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const before = await requireAppUser(app, input.userId, tx);
    const [user] = await tx
      .update(appUsers)
      .set({ status: input.status, ...(before.status !== input.status ? { updatedAt: ctx.now } : {}) })
      .where(and(eq(appUsers.id, before.id), eq(appUsers.appId, app.id)))
      .returning();
    if (!user) throw new AppError("user_not_found");
    const sessionsRevoked =
      input.status === "inactive" ? await revokeAllUserSessions(tx, ctx, { app, userId: user.id, reason: "user_deactivated" }) : 0;
    if (before.status !== input.status || sessionsRevoked > 0) {
      await recordEvent(tx, ctx, {
        workspaceId: app.workspaceId,
        appId: app.id,
        appUserId: user.id,
        slug: input.status === "active" ? "user.activated" : "user.deactivated",
        params: {
          user_id: user.id,
          previous_status: before.status,
          via: "admin",
          ...(input.status === "inactive" ? { sessions_revoked: sessionsRevoked } : {}),
        },
      });
    }
    return { app, user };
  });
}
