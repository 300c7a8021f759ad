/**
 * Credentials of `/v1/verify/{app_id}/*` (spec §15, §1.3, C21): any one of
 * - secret: `Authorization: Bearer scapp_…|scwor_…` reaching the route's app;
 * - m2m: `X-Authorization: [Bearer ]scm2m_…|<M2M JWT>` (or the same in
 *   `Authorization: Bearer`), a live M2M session of the route's app;
 * - user: `X-Authorization: [Bearer ]<access JWT>` of a signed-in app user,
 *   who only sees and acts on verifications addressed to them.
 * An API secret in `Authorization` wins; otherwise the token's shape (and, for
 * a JWT, its unverified `tt` claim, used only to pick the verifier) decides.
 */
import { decodeJwt } from "jose";
import { m2mTokenOf, requireSecret, xAuthorizationToken } from "@/lib/api/credentials";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { authenticateM2m, isShortToken, type M2mPrincipal, m2mActor } from "@/lib/m2m/authenticate-m2m";
import { type AccessPrincipal, authenticateAccessToken, endUserActor } from "@/lib/sessions/authenticate-session";
import { appForActor } from "@/lib/tenancy";

export type VerifyCallerPrincipal =
  | { kind: "m2m"; app: AppRow; m2m: M2mPrincipal }
  | { kind: "secret"; app: AppRow }
  | { kind: "user"; app: AppRow; user: AccessPrincipal };

const API_SECRET = /^Bearer (scapp_|scwor_)/i;

/** Whether a JWT claims to be an M2M token (unverified: only picks which verifier runs). */
function claimsM2m(token: string): boolean {
  try {
    return decodeJwt(token).tt === "m2m";
  } catch {
    return false;
  }
}

export async function resolveVerifyCaller(request: Request, ctx: Ctx, appIdParam: string): Promise<VerifyCallerPrincipal> {
  const now = ctx.now;
  if (API_SECRET.test(request.headers.get("authorization") ?? "")) {
    ctx.actor = await requireSecret(request, now);
    return { kind: "secret", app: await appForActor(ctx, appIdParam) };
  }
  const m2mToken = m2mTokenOf(request);
  if (m2mToken && (isShortToken(m2mToken) || claimsM2m(m2mToken))) {
    const m2m = await authenticateM2m(appIdParam, m2mToken, { now, ip: ctx.ip });
    ctx.actor = m2mActor(m2m);
    return { kind: "m2m", app: m2m.app, m2m };
  }
  const userToken = xAuthorizationToken(request);
  if (userToken) {
    const user = await authenticateAccessToken(appIdParam, userToken, { now });
    ctx.actor = endUserActor(user);
    return { kind: "user", app: user.app, user };
  }
  throw new AppError({
    code: "unauthorized",
    message: "Credential required: `X-Authorization: Bearer <M2M token>`, `Authorization: Bearer <API secret>` or a user access token",
  });
}
