import { randomUUID } from "node:crypto";
import { type Executor, getDb } from "@/db/client";
import { magicLinks } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { signAppJwt } from "@/lib/tokens/sign-app-jwt";
import { findUserById } from "@/lib/users/find-user";
import { urlOnOrigins } from "@/lib/urls";
import type { AppUserRow } from "@/lib/users/serialize";

/** Lifetime of a handoff token: long enough for one redirect and one exchange. */
export const HANDOFF_TTL_SECONDS = 120;

/** The app's callback URL when it lies on the app's own origins, else null (never redirect elsewhere). */
export function safeCallbackUrl(app: Pick<AppRow, "callbackUrl" | "origin" | "additionalOrigins">): URL | null {
  if (!app.callbackUrl) return null;
  if (!urlOnOrigins(app.callbackUrl, [app.origin, ...app.additionalOrigins])) return null;
  return new URL(app.callbackUrl);
}

/** Lifetime of the `sct_oauth` token of an OAuth callback (spec §2.2: 5 minutes). */
export const OAUTH_TOKEN_TTL_SECONDS = 300;

/**
 * Mint a single-use `sct_oauth` token for `user`: a magic link of kind
 * `oauth` (no email, short-lived) whose id is the JWT `jti`, exchanged once
 * through PATCH /magic_links/authenticate (spec §7.4). Shared by the hosted
 * handoff and the OAuth callback (spec §6.5); `db` is the caller's
 * transaction when there is one.
 */
export async function mintOAuthToken(
  ctx: Ctx,
  input: {
    app: AppRow;
    user: Pick<AppUserRow, "id" | "status" | "email">;
    ttlSeconds: number;
    /**
     * The user already passed every factor the app asks for (a hosted sign-in
     * handing off): the signed `mfa` claim spares them a second MFA prompt when
     * the app exchanges the token (spec §14.7). Never set for an OAuth callback.
     */
    mfaSatisfied?: boolean;
  },
  db?: Executor,
): Promise<string> {
  const { app, user } = input;
  const exec = db ?? (await getDb());
  const id = randomUUID();
  const signed = await signAppJwt(
    app,
    {
      type: "magic_link",
      ttlSeconds: input.ttlSeconds,
      jti: id,
      claims: {
        uuid: user.id,
        user_status: user.status,
        webauthnEnabled: false,
        email: user.email,
        kind: "oauth",
        ...(input.mfaSatisfied ? { mfa: true } : {}),
      },
    },
    { now: ctx.now, ...(db ? { db } : {}) },
  );
  await exec.insert(magicLinks).values({
    id,
    appId: app.id,
    appUserId: user.id,
    kind: "oauth",
    webauthnEnabled: false,
    expiresAt: signed.expiresAt,
    ip: ctx.ip,
    userAgent: ctx.userAgent ? ctx.userAgent.slice(0, 1024) : null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  return signed.token;
}

/**
 * After a hosted sign-in, where the browser goes: the app's callback URL with
 * a fresh single-use `sct_oauth` token (see mintOAuthToken) that the app's SDK
 * exchanges through PATCH /magic_links/authenticate (spec §7.4). No session
 * token ever travels in a URL. Null when the app has no callback URL on its
 * origins: the caller shows the "signed in" page instead.
 */
export async function handoffUrl({ ctx, app, userId }: { ctx: Ctx; app: AppRow; userId: string }): Promise<string | null> {
  const target = safeCallbackUrl(app);
  if (!target) return null;
  const user = await findUserById(app.id, userId);
  if (!user) return null;
  // Called only once the hosted sign-in is complete, second factor included.
  const token = await mintOAuthToken(ctx, { app, user, ttlSeconds: HANDOFF_TTL_SECONDS, mfaSatisfied: true });
  target.searchParams.delete("sct_oauth");
  target.searchParams.set("sct_oauth", token);
  return target.toString();
}
