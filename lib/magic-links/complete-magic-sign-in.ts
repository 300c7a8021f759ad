import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { magicLinks } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import type { MagicLinkRow } from "@/lib/magic-links/consume-magic-link";
import { magicLinkNotFound } from "@/lib/magic-links/verify-magic-token";
import { assertCanAuthenticate, type TokenPayload, startSession } from "@/lib/sessions/start-session";
import { requireSecondFactor } from "@/lib/mfa/start-mfa-challenge";
import { findUserById } from "@/lib/users/find-user";
import { mergeUserMeta } from "@/lib/users/merge-user-meta";
import type { AppUserRow } from "@/lib/users/serialize";
import { verifyUserEmail } from "@/lib/users/verify-user-email";

/**
 * MFA (spec §7.4 step 4, §14.7): when the app's policy applies to this user,
 * the §2.7 body (with a pending `mfa` challenge carrying the link, so the
 * polling device gets the session once the second factor is passed) instead
 * of a session. OAuth sign-ins arrive here too, as `oauth` links.
 */
export async function mfaRequiredBody(
  tx: Executor,
  ctx: Ctx,
  input: { app: AppRow; user: AppUserRow; link: MagicLinkRow },
): Promise<Record<string, unknown> | null> {
  const { link } = input;
  return requireSecondFactor(tx, ctx, {
    app: input.app,
    user: input.user,
    primary: { sessionType: link.kind === "oauth" ? "oauth" : "magic", magicLinkId: link.id },
  });
}

/**
 * After a link was consumed, in the same transaction (threats R2): verify
 * the email and activate the user (applying `meta`), refuse inactive users,
 * start the session and remember it on the link for the polling device.
 */
export async function completeMagicSignIn(
  tx: Executor,
  ctx: Ctx,
  input: {
    app: AppRow;
    link: MagicLinkRow;
    meta?: Record<string, unknown> | null;
    request?: Request;
    /** A hosted sign-in's handoff: the user already passed MFA there. */
    mfaSatisfied?: boolean;
  },
): Promise<TokenPayload | Record<string, unknown>> {
  const { app, link } = input;
  const found = await findUserById(app.id, link.appUserId, tx);
  if (!found) throw magicLinkNotFound();
  // Checked before any write: an inactive user's link fails as a whole (and stays unused).
  assertCanAuthenticate(found);
  // An `oauth` token (OAuth callback, hosted handoff) proves nothing about the
  // mailbox: the callback verified the provider's email itself, and a hosted
  // passkey sign-up never did (spec §9.2), so only a real link verifies here.
  const user =
    link.kind === "oauth"
      ? await mergeUserMeta(tx, ctx, { user: found, meta: input.meta ?? {} })
      : await verifyUserEmail(tx, ctx, { app, user: found, meta: input.meta, via: "magic_link" });

  const mfa = input.mfaSatisfied ? null : await mfaRequiredBody(tx, ctx, { app, user, link });
  if (mfa) return mfa;

  const { session, payload } = await startSession(tx, ctx, {
    app,
    user,
    type: link.kind === "oauth" ? "oauth" : "magic",
    request: input.request,
  });
  await tx
    .update(magicLinks)
    .set({ activatedSessionId: session.id, updatedAt: ctx.now })
    .where(and(eq(magicLinks.id, link.id), eq(magicLinks.appId, app.id)));
  return payload;
}
