import { and, eq, gt, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { magicLinks } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { completeMagicSignIn } from "@/lib/magic-links/complete-magic-sign-in";
import { consumeMagicLink } from "@/lib/magic-links/consume-magic-link";
import { magicLinkNotFound, verifyMagicToken } from "@/lib/magic-links/verify-magic-token";
import { listMetaFields } from "@/lib/meta-fields/list-meta-fields";
import { validateUserMeta } from "@/lib/meta-fields/validate-user-meta";
import type { TokenPayload } from "@/lib/sessions/start-session";
import { findUserById } from "@/lib/users/find-user";

/**
 * Accept an invitation (spec §7.5): the token must be an unused invite link
 * of this app. `user_meta` fills the fields the invitee must provide: every
 * required field must end up with a value (from the user, the invite or this
 * call) and every given value must be valid, else 422 `user_meta_invalid`
 * with `errors` and the link stays unused. Then the user is verified and
 * activated and a `magic` session starts. (Workspace invitations arrive with
 * the membership issue.)
 */
export async function confirmInvite({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { app: AppRow; token: string; userMeta?: Record<string, unknown>; request?: Request };
}): Promise<TokenPayload | Record<string, unknown>> {
  const { app } = input;
  const token = await verifyMagicToken(app, input.token, ctx.now);
  if (token.kind !== "invite") throw magicLinkNotFound();
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [pending] = await tx
      .select()
      .from(magicLinks)
      .where(
        and(
          eq(magicLinks.id, token.linkId),
          eq(magicLinks.appId, app.id),
          eq(magicLinks.kind, "invite"),
          isNull(magicLinks.consumedAt),
          gt(magicLinks.expiresAt, ctx.now),
        ),
      )
      .limit(1);
    const user = pending ? await findUserById(app.id, pending.appUserId, tx) : null;
    if (!pending || !user) throw magicLinkNotFound();

    const fields = await listMetaFields(app.id, tx);
    const given = validateUserMeta(fields, input.userMeta);
    const meta = { ...(pending.userMeta ?? {}), ...given.valid };
    const merged: Record<string, unknown> = { ...(user.meta ?? {}), ...meta };
    const errors = { ...given.errors };
    for (const f of fields) {
      const value = merged[f.fieldName];
      if (f.required && (value === undefined || value === null || value === "")) errors[f.fieldName] ??= ["is required"];
    }
    if (Object.keys(errors).length) throw new AppError({ code: "user_meta_invalid", errors });

    const link = await consumeMagicLink(tx, { appId: app.id, token, kinds: ["invite"], now: ctx.now });
    if (!link) throw magicLinkNotFound();
    return completeMagicSignIn(tx, ctx, { app, link, meta, request: input.request });
  });
}
