/**
 * The hosted pages' own sign-in (not a server action module: nothing here is
 * callable from the browser). After a sign-in on a hosted page the browser
 * either leaves for the app's callback with a single-use handoff token (the
 * page's session is then revoked) or stays on the hosted pages — to be
 * offered a passkey, or to manage its passkeys. While it stays, the page's
 * session is kept server-side: its access token, sealed with the instance
 * secret, in an httpOnly, SameSite=Lax cookie scoped to `/login/{app_id}`,
 * living no longer than the token. It never reaches page script or a URL.
 */
import { decodeJwt } from "jose";
import { cookies } from "next/headers";
import type { AppRow } from "@/lib/apps/find-app";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { getEnv } from "@/lib/env";
import { loginPath } from "@/lib/hosted/flow-cookie";
import { handoffUrl, safeCallbackUrl } from "@/lib/hosted/handoff";
import type { HostedRequest } from "@/lib/hosted/request-ctx";
import { type AccessPrincipal, authenticateAccessToken } from "@/lib/sessions/authenticate-session";
import { revokeSession } from "@/lib/sessions/revoke-session";
import { findUserById } from "@/lib/users/find-user";

const ACCOUNT = "tessera_account";
/** Set by the sign-in page's script when this browser has a platform authenticator (a hint, not a credential). */
export const PLATFORM_HINT_COOKIE = "tessera_webauthn";
/** "Not now" to the passkey offer, per app; path `/` so the magic-link landing sees it too. */
const skipCookie = (app: Pick<AppRow, "publicId">) => `tessera_pk_skip_${app.publicId}`;
const PURPOSE = "hosted-account-cookie";
const ONE_YEAR = 365 * 24 * 3600;

const cookieBase = (app: Pick<AppRow, "publicId">) => ({
  httpOnly: true,
  sameSite: "lax" as const,
  secure: getEnv().baseUrl.startsWith("https:"),
  path: loginPath(app),
});

async function keepAccount(app: AppRow, access: string, now: Date): Promise<void> {
  const { exp } = decodeJwt(access);
  const maxAge = typeof exp === "number" ? exp - Math.floor(now.getTime() / 1000) : 0;
  if (maxAge <= 0) return;
  (await cookies()).set(ACCOUNT, encryptSecret(access, PURPOSE), { ...cookieBase(app), maxAge });
}

/** The live session the hosted pages hold for this browser and app, or null. */
export async function readHostedAccount(app: AppRow, now = new Date()): Promise<AccessPrincipal | null> {
  const sealed = (await cookies()).get(ACCOUNT)?.value;
  if (!sealed || sealed.length > 8192) return null;
  try {
    const access = decryptSecret(sealed, PURPOSE);
    return await authenticateAccessToken(app.publicId, access, { now });
  } catch {
    return null;
  }
}

/** Forget the hosted session in this browser; with `revoke`, end it on the server too. */
export async function endHostedAccount(req: HostedRequest, app: AppRow, reason: "sign_out" | "handoff"): Promise<void> {
  const principal = await readHostedAccount(app, req.ctx.now);
  if (principal) {
    await revokeSession({ ctx: req.ctx, input: { app, appUserId: principal.user.id, sessionId: principal.session.id, reason } });
  }
  (await cookies()).set(ACCOUNT, "", { ...cookieBase(app), maxAge: 0 });
}

/** Remember "Not now" for this browser and app (a year). */
export async function skipPasskeyOffer(app: AppRow): Promise<void> {
  (await cookies()).set(skipCookie(app), "1", { ...cookieBase(app), path: "/", maxAge: ONE_YEAR });
}

/**
 * Whether to offer adding a passkey to this user after a link or code
 * sign-in: the app has passkeys on, the user has none, this browser said it
 * has a platform authenticator, and "Not now" was not chosen here before.
 */
export async function shouldOfferPasskey(app: AppRow, user: { webauthnEnabled: boolean }): Promise<boolean> {
  const jar = await cookies();
  return (
    app.passkeysEnabled &&
    !user.webauthnEnabled &&
    jar.get(PLATFORM_HINT_COOKIE)?.value === "1" &&
    jar.get(skipCookie(app))?.value !== "1"
  );
}

/**
 * Leave the hosted pages for the app: its callback with a fresh handoff
 * token, the page's own session revoked and forgotten. Null when the app has
 * no callback on its origins (the browser stays on the "signed in" page).
 */
export async function handoffFromHostedAccount(req: HostedRequest, app: AppRow): Promise<string | null> {
  if (!safeCallbackUrl(app)) return null;
  const principal = await readHostedAccount(app, req.ctx.now);
  if (!principal) return null;
  const url = await handoffUrl({ ctx: req.ctx, app, userId: principal.user.id });
  if (url) await endHostedAccount(req, app, "handoff");
  return url;
}

/**
 * Where a browser that just signed in on a hosted page goes (the body of
 * `afterSignIn`). `result` is the sign-in verb's answer: a token payload, or
 * anything else (an MFA-required body) which yields null.
 * - App callback and nothing to offer: the callback with a handoff token;
 *   the page's session never left the server and is revoked now.
 * - Otherwise the "signed in" page, keeping the page's session in the sealed
 *   cookie (the passkey offer and the passkeys page use it; continuing to
 *   the app later hands off and revokes it).
 */
export async function completeHostedSignIn(req: HostedRequest, app: AppRow, result: unknown): Promise<string | null> {
  if (typeof result !== "object" || result === null || !("user_id" in result) || typeof result.user_id !== "string") return null;
  const access = "access" in result && typeof result.access === "string" ? result.access : null;
  const user = await findUserById(app.id, result.user_id);
  if (!user) return null;
  const offer = access !== null && (await shouldOfferPasskey(app, user));
  if (!offer) {
    const url = await handoffUrl({ ctx: req.ctx, app, userId: user.id });
    if (url) {
      if (access) {
        const { uid } = decodeJwt(access);
        if (typeof uid === "string") {
          await revokeSession({ ctx: req.ctx, input: { app, appUserId: user.id, sessionId: uid, reason: "handoff" } });
        }
      }
      return url;
    }
  }
  if (access) await keepAccount(app, access, req.ctx.now);
  return `${loginPath(app)}/done`;
}
