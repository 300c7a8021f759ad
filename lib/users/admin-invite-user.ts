import { getDb } from "@/db/client";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { parseEmail } from "@/lib/identifiers/parse-identifier";
import { issueMagicLink } from "@/lib/magic-links/issue-magic-link";
import { listMetaFields } from "@/lib/meta-fields/list-meta-fields";
import { validateUserMeta } from "@/lib/meta-fields/validate-user-meta";
import { appForActor } from "@/lib/tenancy";
import { findOrCreateUser } from "@/lib/users/find-or-create-user";
import { mergeUserMeta } from "@/lib/users/merge-user-meta";
import type { AppUserRow } from "@/lib/users/serialize";

/**
 * Invite a user by email (spec §12.10): a new user is created `pending` with
 * the valid `user_meta` (invalid keys reported in `user_meta_errors`), and an
 * invitation link (`kind: invite`, the app's magic_link_expiration, single
 * use) is emailed; the invitee completes it through confirm_invite (§7.5).
 * A pending or imported user is invited again (a fresh link). An active user
 * → 409 identifier_taken; an inactive one → 403 user_inactive. The link
 * token and id never reach the response or events.
 */
export async function adminInviteUser({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { appId: string; identifier: string | undefined; userMeta?: Record<string, unknown>; acceptLanguage?: string | null };
}): Promise<{ app: AppRow; user: AppUserRow; userMetaErrors: Record<string, string[]> }> {
  const app = await appForActor(ctx, input.appId);
  if (input.identifier === undefined) throw new AppError({ code: "email_required", message: "identifier (an email) is required" });
  const email = parseEmail(input.identifier);
  if (!email) throw new AppError("invalid_identifier");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { valid, errors } = validateUserMeta(await listMetaFields(app.id, tx), input.userMeta);
    const found = await findOrCreateUser(tx, ctx, {
      app,
      identifier: { kind: "email", value: email.value, normalized: email.normalized },
      status: "pending",
      meta: valid,
    });
    let user = found.user;
    if (!found.created) {
      if (user.status === "active") throw new AppError("identifier_taken");
      if (user.status === "inactive") throw new AppError("user_inactive");
      user = await mergeUserMeta(tx, ctx, { user, meta: valid });
    }
    const link = await issueMagicLink(tx, ctx, {
      app,
      user,
      kind: "invite",
      webauthnEnabled: false,
      userMeta: valid,
      acceptLanguage: input.acceptLanguage,
    });
    await recordEvent(tx, ctx, {
      workspaceId: app.workspaceId,
      appId: app.id,
      appUserId: user.id,
      slug: "user.invited",
      params: { user_id: user.id, reinvite: !found.created, expires_at: link.expiresAt.toISOString() },
    });
    return { app, user, userMetaErrors: errors };
  });
}
