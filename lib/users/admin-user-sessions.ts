import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { sessions } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { isUuid } from "@/lib/ids";
import { listLiveSessions } from "@/lib/sessions/list-sessions";
import { appForActor } from "@/lib/tenancy";
import { requireAppUser } from "@/lib/users/admin-user-data";
import { toUserSession } from "@/lib/users/serialize";

/** A user's live sessions, newest first (spec §12.12): a bare array. Unknown user → 404. */
export async function adminListUserSessions({ ctx, input }: { ctx: Ctx; input: { appId: string; userId: string } }): Promise<Record<string, unknown>[]> {
  const app = await appForActor(ctx, input.appId);
  const user = await requireAppUser(app, input.userId);
  return (await listLiveSessions(app, user.id, ctx.now)).map(toUserSession);
}

/**
 * Revoke one session of a user (spec §12.13): a guarded UPDATE, so its tokens
 * answer 401 from the next request on and two concurrent calls record one
 * `session.revoked`. Unknown user → 404 `user_not_found`; a session that is
 * unknown, another user's or already revoked → 404 `not_found`.
 */
export async function adminRevokeUserSession({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { appId: string; userId: string; sessionId: string };
}): Promise<void> {
  const app = await appForActor(ctx, input.appId);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const user = await requireAppUser(app, input.userId, tx);
    const [revoked] = isUuid(input.sessionId)
      ? await tx
          .update(sessions)
          .set({ revokedAt: ctx.now, revokedReason: "revoked_by_admin", updatedAt: ctx.now })
          .where(and(eq(sessions.id, input.sessionId), eq(sessions.appId, app.id), eq(sessions.appUserId, user.id), isNull(sessions.revokedAt)))
          .returning({ id: sessions.id })
      : [];
    if (!revoked) throw new AppError({ code: "not_found", message: "Session not found" });
    await recordEvent(tx, ctx, {
      workspaceId: app.workspaceId,
      appId: app.id,
      appUserId: user.id,
      slug: "session.revoked",
      params: { session_id: revoked.id, user_id: user.id, reason: "revoked_by_admin" },
    });
  });
}
