import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { m2mSessions } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { isUuid } from "@/lib/ids";
import { appForActor } from "@/lib/tenancy";

/**
 * Revoke one M2M session of `app` at once: its JWTs and short token stop
 * verifying on the next request (the row is read on every use). Revoking an
 * already revoked session is a no-op; an id the app does not own is 404.
 */
export async function revokeM2mSessionOf(ctx: Ctx, app: Pick<AppRow, "id" | "workspaceId">, sessionId: string, reason: string) {
  if (!isUuid(sessionId)) throw new AppError({ code: "not_found", message: "M2M session not found" });
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(m2mSessions)
      .set({ revokedAt: ctx.now, updatedAt: ctx.now })
      .where(and(eq(m2mSessions.id, sessionId), eq(m2mSessions.appId, app.id), isNull(m2mSessions.revokedAt)))
      .returning({ id: m2mSessions.id });
    if (!revoked) {
      const [exists] = await tx
        .select({ id: m2mSessions.id })
        .from(m2mSessions)
        .where(and(eq(m2mSessions.id, sessionId), eq(m2mSessions.appId, app.id)))
        .limit(1);
      if (!exists) throw new AppError({ code: "not_found", message: "M2M session not found" });
      return;
    }
    await recordEvent(tx, ctx, {
      workspaceId: app.workspaceId,
      appId: app.id,
      slug: "m2m.revoked",
      params: { m2m_session_id: sessionId, reason },
    });
  });
}

/** DELETE /v1/apps/{app_id}/m2m/sessions/{id} (secret). */
export async function revokeM2mSession({ ctx, input }: { ctx: Ctx; input: { appId: string; sessionId: string } }): Promise<void> {
  const app = await appForActor(ctx, input.appId);
  await revokeM2mSessionOf(ctx, app, input.sessionId, "revoked_by_api_key");
}
