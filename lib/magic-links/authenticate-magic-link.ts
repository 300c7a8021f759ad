import { decodeJwt } from "jose";
import { getDb } from "@/db/client";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { completeMagicSignIn } from "@/lib/magic-links/complete-magic-sign-in";
import { consumeMagicLink } from "@/lib/magic-links/consume-magic-link";
import { magicLinkNotFound, verifyMagicToken } from "@/lib/magic-links/verify-magic-token";
import type { TokenPayload } from "@/lib/sessions/start-session";

/**
 * Exchange a `sct_magic` / `sct_oauth` token for a session (spec §7.4):
 * 401 for a bad signature, 404 (exact text) for unknown, used or expired
 * links; otherwise one transaction consumes the link, verifies and activates
 * the user (register links apply their stored meta), starts a `magic` (or
 * `oauth`) session and returns its token payload — or, once MFA exists, the
 * MFA-required body.
 */
export async function authenticateMagicLink({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { app: AppRow; token: string; request?: Request };
}): Promise<TokenPayload | Record<string, unknown>> {
  const { app } = input;
  const token = await verifyMagicToken(app, input.token, ctx.now);
  // Read only after verifyMagicToken checked the signature: a hosted sign-in's
  // handoff token says its user already passed MFA (lib/hosted/handoff.ts).
  const mfaSatisfied = token.kind === "oauth" && decodeJwt(input.token).mfa === true;
  const db = await getDb();
  return db.transaction(async (tx) => {
    // Invites are normally confirmed through §7.5 but are accepted here too (spec §7.4 step 3).
    const link = await consumeMagicLink(tx, { appId: app.id, token, kinds: ["login", "register", "invite", "oauth"], now: ctx.now });
    if (!link) throw magicLinkNotFound();
    return completeMagicSignIn(tx, ctx, {
      app,
      link,
      meta: link.kind === "register" || link.kind === "invite" ? link.userMeta : null,
      request: input.request,
      mfaSatisfied,
    });
  });
}
