/**
 * Resolution of user session tokens (spec §10, §11; threats T13, T14, T17,
 * T21): the one function every user-token route goes through. The JWT is
 * verified against the route's app (RS256, kind, issuer, audience), then its
 * session is loaded with its user and app in one joined query and must be
 * live: same app, app not deleted, not revoked, not past `expires_at`, used
 * within the app's `session_timeout`, and its user not inactive. Every failure
 * is a 401, so the SDK expires its local session.
 */
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { appUsers, apps, sessions } from "@/db/schema";
import { type AppRow, findLiveAppCached } from "@/lib/apps/find-app";
import type { EndUserActor } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import type { AccessClaims, RefreshClaims } from "@/lib/tokens/claims";
import { verifyAppJwt } from "@/lib/tokens/verify-app-jwt";
import type { AppUserRow, SessionRow } from "@/lib/users/serialize";

interface PrincipalBase {
  /** The session's app, freshly read (settings as of this request). */
  app: AppRow;
  session: SessionRow;
  user: AppUserRow;
}
export type AccessPrincipal = PrincipalBase & { kind: "access"; claims: AccessClaims };
export type RefreshPrincipal = PrincipalBase & { kind: "refresh"; claims: RefreshClaims };
/** A verified session token, its live session, user and app. */
export type SessionPrincipal = AccessPrincipal | RefreshPrincipal;

export interface AuthenticateOptions {
  now: Date;
  /**
   * Access tokens only (`tokens/rotate_access`): accept an expired token whose
   * `iat` lies within the app's `refresh_expiration`.
   */
  allowExpired?: boolean;
}

/** Whether `session` is live at `now` under `app`'s settings (used by lists too). */
export function isSessionLive(session: SessionRow, app: Pick<AppRow, "sessionTimeout">, now: Date): boolean {
  return liveness(session, app, now) === null;
}

function liveness(session: SessionRow, app: Pick<AppRow, "sessionTimeout">, now: Date): AppError | null {
  if (session.revokedAt) return new AppError("session_revoked");
  if (session.expiresAt.getTime() <= now.getTime()) return new AppError({ code: "token_expired", message: "Session expired" });
  if (session.lastUsedAt.getTime() + app.sessionTimeout * 1000 <= now.getTime()) {
    return new AppError({ code: "token_expired", message: "Session timed out after inactivity" });
  }
  return null;
}

/** The session, user and app of `sessionId` in one query (null if any is missing). */
async function loadSession(sessionId: string): Promise<PrincipalBase | null> {
  const db = await getDb();
  const [row] = await db
    .select({ session: sessions, user: appUsers, app: apps })
    .from(sessions)
    .innerJoin(appUsers, eq(appUsers.id, sessions.appUserId))
    .innerJoin(apps, eq(apps.id, sessions.appId))
    .where(eq(sessions.id, sessionId))
    .limit(1);
  return row ?? null;
}

async function authenticate<T extends "access" | "refresh">(
  appIdParam: string,
  token: string,
  type: T,
  opts: AuthenticateOptions,
): Promise<PrincipalBase & { claims: T extends "access" ? AccessClaims : RefreshClaims }> {
  // The cache only serves the app's ids (never change) to pick verification
  // keys; liveness and settings come from the joined read below.
  const routeApp = await findLiveAppCached(appIdParam);
  if (!routeApp) throw new AppError("invalid_token");
  const claims = await verifyAppJwt(routeApp, token, {
    type,
    now: opts.now,
    allowExpired: type === "access" && opts.allowExpired === true,
  });
  if (!isUuid(claims.uid) || !isUuid(claims.uuid)) throw new AppError("invalid_token");
  if (opts.allowExpired && claims.iat + routeApp.refreshExpiration <= opts.now.getTime() / 1000) {
    throw new AppError("token_expired");
  }

  const found = await loadSession(claims.uid);
  if (!found || found.app.deletedAt || found.session.appId !== routeApp.id || found.session.appUserId !== claims.uuid) {
    throw new AppError("invalid_token");
  }
  const dead = liveness(found.session, found.app, opts.now);
  if (dead) throw dead;
  if (found.user.status === "inactive") throw new AppError({ code: "session_revoked", message: "User is inactive" });
  // `verifyAppJwt` parsed the claims with the schema of `type`.
  return { ...found, claims: claims as T extends "access" ? AccessClaims : RefreshClaims };
}

/** Verify an access token for the route's app and return its live session (401 otherwise). */
export async function authenticateAccessToken(appIdParam: string, token: string, opts: AuthenticateOptions): Promise<AccessPrincipal> {
  return { kind: "access", ...(await authenticate(appIdParam, token, "access", opts)) };
}

/**
 * Verify a refresh token for the route's app and return its live session
 * (401 otherwise). Whether its `jti` is still the current one is decided by
 * the caller (redeemRefreshToken, verifyRefreshToken).
 */
export async function authenticateRefreshToken(
  appIdParam: string,
  token: string,
  opts: Pick<AuthenticateOptions, "now">,
): Promise<RefreshPrincipal> {
  return { kind: "refresh", ...(await authenticate(appIdParam, token, "refresh", { now: opts.now })) };
}

/** The `endUser` actor of a principal. */
export function endUserActor(p: SessionPrincipal): EndUserActor {
  return {
    type: "endUser",
    appId: p.app.id,
    appUserId: p.user.id,
    sessionId: p.session.id,
    credentialId: p.session.credentialId,
  };
}
