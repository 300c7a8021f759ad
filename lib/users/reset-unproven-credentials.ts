import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { webauthnCredentials } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { recordEvent } from "@/lib/events/record-event";
import { syncUserWebauthn } from "@/lib/passkeys/sync-user-webauthn";
import { revokeAllUserSessions } from "@/lib/users/admin-set-user-status";
import type { AppUserRow } from "@/lib/users/serialize";

type VerificationState = Pick<AppUserRow, "emailVerified" | "phoneVerified" | "webauthnEnabled">;

/**
 * Account pre-hijacking defence. Anyone may create an account for an address
 * they do not control and attach their own passkey to it (spec §9.1 needs no
 * proof of the mailbox). When the address's owner later proves it (link, code,
 * a provider's verified email), whatever was set up before that proof is not
 * theirs to trust: the passkeys are removed and every session is revoked, in
 * the caller's transaction, before the owner's own session starts. Nothing
 * happens when the identifier was already verified or no passkey exists.
 * Returns the user as it is afterwards.
 */
export async function resetUnprovenCredentials(
  tx: Executor,
  ctx: Ctx,
  input: { app: Pick<AppRow, "id" | "workspaceId">; before: VerificationState; after: AppUserRow; via: string },
): Promise<AppUserRow> {
  const { app, before, after } = input;
  const newlyProven =
    (!before.emailVerified && after.emailVerified) || (!before.phoneVerified && after.phoneVerified);
  if (!newlyProven || !before.webauthnEnabled) return after;
  const removed = await tx
    .delete(webauthnCredentials)
    .where(and(eq(webauthnCredentials.appId, app.id), eq(webauthnCredentials.appUserId, after.id)))
    .returning({ id: webauthnCredentials.id });
  const sessionsRevoked = await revokeAllUserSessions(tx, ctx, { app, userId: after.id, reason: "identifier_verified" });
  const user = await syncUserWebauthn(tx, ctx, { appId: app.id, appUserId: after.id });
  await recordEvent(tx, ctx, {
    workspaceId: app.workspaceId,
    appId: app.id,
    appUserId: after.id,
    slug: "user.credentials_reset",
    params: { user_id: after.id, reason: "identifier_verified", via: input.via, passkeys_removed: removed.length, sessions_revoked: sessionsRevoked },
  });
  return user;
}
