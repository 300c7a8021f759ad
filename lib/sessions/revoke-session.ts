import { and, eq, isNull } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { sessions } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { recordEvent } from "@/lib/events/record-event";
import { isUuid } from "@/lib/ids";
import type { SessionRow } from "@/lib/users/serialize";

/** `handoff`: a hosted page's own session, closed once the app received its one-time handoff token. */
export type RevokeReason = "sign_out" | "revoked_by_user" | "refresh_token_reused" | "handoff" | "device_revoked";

/**
 * Revoke one live session of `appUserId` in `app` and record `session.revoked`
 * (and `user.logout` for a sign-out).
 * Returns the revoked row, or null when no such live session exists (unknown
 * id, another user's session, already revoked): a guarded UPDATE, so two
 * concurrent revocations record one event. Every token of the session
 * answers 401 from the next request on (T17).
 */
export async function revokeSession({
  ctx,
  input,
  db,
}: {
  ctx: Ctx;
  input: { app: Pick<AppRow, "id" | "workspaceId">; appUserId: string; sessionId: string; reason: RevokeReason };
  db?: Executor;
}): Promise<SessionRow | null> {
  if (!isUuid(input.sessionId)) return null;
  const run = async (tx: Executor) => {
    const [revoked] = await tx
      .update(sessions)
      .set({ revokedAt: ctx.now, revokedReason: input.reason, updatedAt: ctx.now })
      .where(
        and(
          eq(sessions.id, input.sessionId),
          eq(sessions.appId, input.app.id),
          eq(sessions.appUserId, input.appUserId),
          isNull(sessions.revokedAt),
        ),
      )
      .returning();
    if (!revoked) return null;
    await recordEvent(tx, ctx, {
      workspaceId: input.app.workspaceId,
      appId: input.app.id,
      appUserId: input.appUserId,
      slug: "session.revoked",
      params: { session_id: revoked.id, user_id: input.appUserId, reason: input.reason },
    });
    if (input.reason === "sign_out") {
      await recordEvent(tx, ctx, {
        workspaceId: input.app.workspaceId,
        appId: input.app.id,
        appUserId: input.appUserId,
        slug: "user.logout",
        params: { session_id: revoked.id, user_id: input.appUserId },
      });
    }
    return revoked;
  };
  return db ? run(db) : (await getDb()).transaction(run);
}
