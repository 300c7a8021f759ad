/**
 * DELETE /devices/{id} (spec §9.7): remove one of the caller's passkeys,
 * revoke every live session that passkey created (`crid`), keep
 * `webauthn_enabled` / `webauthn_types` true to what remains, and record
 * `passkey.revoked` (and `session.revoked` per session). One transaction.
 */
import { and, eq, isNull } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { sessions, webauthnCredentials } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import type { CredentialRow } from "@/lib/passkeys/serialize";
import type { RevokeReason } from "@/lib/sessions/revoke-session";

const REASON: RevokeReason = "device_revoked";
import { syncUserWebauthn } from "@/lib/passkeys/sync-user-webauthn";

export async function revokeDevice({
  ctx,
  input,
  db,
}: {
  ctx: Ctx;
  input: { app: Pick<AppRow, "id" | "workspaceId">; appUserId: string; credentialId: string };
  db?: Executor;
}): Promise<{ credential: CredentialRow; revokedSessionIds: string[] }> {
  const { app, appUserId } = input;
  const run = async (tx: Executor) => {
    const [credential] = await tx
      .delete(webauthnCredentials)
      .where(
        and(
          eq(webauthnCredentials.appId, app.id),
          eq(webauthnCredentials.appUserId, appUserId),
          eq(webauthnCredentials.credentialId, input.credentialId),
        ),
      )
      .returning();
    if (!credential) throw new AppError("device_not_found");
    const revoked = await tx
      .update(sessions)
      .set({ revokedAt: ctx.now, revokedReason: REASON, updatedAt: ctx.now })
      .where(
        and(
          eq(sessions.appId, app.id),
          eq(sessions.appUserId, appUserId),
          eq(sessions.credentialId, credential.credentialId),
          isNull(sessions.revokedAt),
        ),
      )
      .returning({ id: sessions.id });
    for (const s of revoked) {
      await recordEvent(tx, ctx, {
        workspaceId: app.workspaceId,
        appId: app.id,
        appUserId,
        slug: "session.revoked",
        params: { session_id: s.id, user_id: appUserId, reason: REASON },
      });
    }
    await syncUserWebauthn(tx, ctx, { appId: app.id, appUserId });
    await recordEvent(tx, ctx, {
      workspaceId: app.workspaceId,
      appId: app.id,
      appUserId,
      slug: "passkey.revoked",
      params: { user_id: appUserId, credential_id: credential.credentialId, sessions_revoked: revoked.length },
    });
    return { credential, revokedSessionIds: revoked.map((s) => s.id) };
  };
  return db ? run(db) : (await getDb()).transaction(run);
}
