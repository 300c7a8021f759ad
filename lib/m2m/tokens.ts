/**
 * M2M JWTs (spec §2.2, §18), signed with the app's signing key. Both kinds
 * carry `tt: "m2m"` — so neither is ever accepted where a user access or
 * refresh token is expected, nor the reverse (threats T14) — plus `m2m:
 * true`, `uid` (the M2M session id), `wid`, no `uuid`, and `m2m_use`
 * (`access` | `refresh`) so the refresh token is never an access token.
 */
import type { AppRow } from "@/lib/apps/find-app";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import type { SignOptions, SignedJwt } from "@/lib/tokens/sign-app-jwt";
import { signAppJwt } from "@/lib/tokens/sign-app-jwt";
import type { GenericClaims } from "@/lib/tokens/claims";
import { verifyAppJwt, type VerifyingApp } from "@/lib/tokens/verify-app-jwt";

/** Default lifetimes: access 30 days (spec §18.1), refresh 90 days. */
export const M2M_ACCESS_TTL_SECONDS = 30 * 24 * 3600;
export const M2M_REFRESH_TTL_SECONDS = 90 * 24 * 3600;

export type M2mUse = "access" | "refresh";
export type M2mClaims = GenericClaims & { tt: "m2m"; m2m: true; uid: string; wid: string; m2m_use: M2mUse };

export async function signM2mToken(
  app: Pick<AppRow, "id" | "publicId" | "workspaceId" | "accessExpiration" | "refreshExpiration">,
  input: { sessionId: string; use: M2mUse; clientName?: string; jti?: string },
  opts: SignOptions = {},
): Promise<SignedJwt<GenericClaims>> {
  return signAppJwt(
    app,
    {
      type: "m2m",
      ttlSeconds: input.use === "access" ? M2M_ACCESS_TTL_SECONDS : M2M_REFRESH_TTL_SECONDS,
      jti: input.jti,
      claims: {
        m2m: true,
        uid: input.sessionId,
        wid: app.workspaceId,
        m2m_use: input.use,
        ...(input.use === "access" && input.clientName ? { client_name: input.clientName } : {}),
      },
    },
    opts,
  );
}

/** Verify an M2M JWT of `use` for `app`; 401 `invalid_token`/`token_expired` otherwise. */
export async function verifyM2mToken(
  app: VerifyingApp,
  token: string,
  use: M2mUse,
  opts: { now: Date; allowExpired?: boolean },
): Promise<M2mClaims> {
  const claims = await verifyAppJwt(app, token, { type: "m2m", now: opts.now, allowExpired: opts.allowExpired });
  if (claims.m2m !== true || claims.m2m_use !== use || typeof claims.uid !== "string" || !isUuid(claims.uid)) {
    throw new AppError("invalid_token");
  }
  if (Object.hasOwn(claims, "uuid")) throw new AppError("invalid_token");
  return claims as M2mClaims;
}
