/**
 * Refresh-token redemption with rotation and reuse detection (spec §11.1,
 * §11.3; threats T15). A refresh token's `jti` is single-use: one guarded
 * UPDATE (`… WHERE refresh_jti_hash = <hash of the presented jti> AND
 * revoked_at IS NULL`) picks the one winner, which alone receives a new
 * refresh token. By default any other token — including the one just
 * replaced — is reuse and revokes the session (threats T15). An instance may
 * opt in to a grace window (TESSERA_REFRESH_GRACE_SECONDS, for tabs racing on
 * one token): the replaced token then earns only a new access token for that
 * long, never a second distinct refresh token. All of this
 * state lives in the session row, so restarts and other instances see it.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { sessions } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { safeEqual, sha256Hex } from "@/lib/crypto";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { RefreshPrincipal } from "@/lib/sessions/authenticate-session";
import { revokeSession } from "@/lib/sessions/revoke-session";
import { buildTokenPayload, type TokenPayload } from "@/lib/sessions/token-payload";
import type { SessionRow } from "@/lib/users/serialize";

/** How long the token a rotation replaced may still be presented (0: never). */
export function refreshGraceSeconds(): number {
  return getEnv().refreshGraceSeconds;
}

export type RefreshTokenStanding = "current" | "grace" | "reused";

/** Where a refresh token of `jti` stands against its session row at `now`. */
export function refreshTokenStanding(session: SessionRow, jti: string, now: Date): RefreshTokenStanding {
  const hash = sha256Hex(jti);
  if (session.refreshJtiHash && safeEqual(session.refreshJtiHash, hash)) return "current";
  const rotatedAt = session.refreshRotatedAt?.getTime();
  const grace = refreshGraceSeconds();
  if (
    grace > 0 &&
    session.prevRefreshJtiHash &&
    rotatedAt !== undefined &&
    safeEqual(session.prevRefreshJtiHash, hash) &&
    // Racing requests may start before the winner's clock reading: |Δt|.
    Math.abs(now.getTime() - rotatedAt) <= grace * 1000
  ) {
    return "grace";
  }
  return "reused";
}

/** The columns a rotation writes: the new jti becomes current, the old one previous. */
export function rotationSet(ctx: Ctx, newJti: string, refreshExpiration: number) {
  return {
    prevRefreshJtiHash: sql`${sessions.refreshJtiHash}`,
    refreshJtiHash: sha256Hex(newJti),
    refreshGeneration: sql`${sessions.refreshGeneration} + 1`,
    refreshRotatedAt: ctx.now,
    // Sliding: the session lives as long as its newest refresh token.
    expiresAt: new Date(ctx.now.getTime() + refreshExpiration * 1000),
    lastUsedAt: ctx.now,
    ...(ctx.ip ? { lastUsedAtIp: ctx.ip } : {}),
    updatedAt: ctx.now,
  };
}

/**
 * Redeem the refresh token of `principal`: a new access token, and with
 * `rotate` a new refresh token that replaces it. Throws 401
 * `refresh_token_reused` (after revoking the session) on reuse, 401
 * `session_revoked` if the session was revoked meanwhile.
 */
export async function redeemRefreshToken({
  ctx,
  principal,
  rotate,
}: {
  ctx: Ctx;
  principal: RefreshPrincipal;
  /** Mint a successor refresh token (and return it in the payload). */
  rotate: boolean;
}): Promise<TokenPayload> {
  const { app, session, claims } = principal;
  const facts = { appUserId: session.appUserId, sessionId: session.id, credentialId: session.credentialId };
  const presented = sha256Hex(claims.jti);
  const db = await getDb();

  const won = await db.transaction(async (tx) => {
    const newJti = rotate ? newId() : undefined;
    const set = newJti
      ? rotationSet(ctx, newJti, app.refreshExpiration)
      : { lastUsedAt: ctx.now, ...(ctx.ip ? { lastUsedAtIp: ctx.ip } : {}), updatedAt: ctx.now };
    const [row] = await tx
      .update(sessions)
      .set(set)
      .where(and(eq(sessions.id, session.id), eq(sessions.refreshJtiHash, presented), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    if (!row) return null;
    const { payload } = await buildTokenPayload(tx, app, facts, { now: ctx.now, refreshJti: newJti, includeRefresh: true });
    return payload;
  });
  if (won) return won;

  // Lost the guarded UPDATE: the token is no longer current. Read what it is
  // now (a fresh statement sees the winner's committed rotation).
  const [current] = await db.select().from(sessions).where(eq(sessions.id, session.id)).limit(1);
  if (!current || current.revokedAt) throw new AppError("session_revoked");
  if (refreshTokenStanding(current, claims.jti, ctx.now) === "grace") {
    // The winner holds the one successor; this request gets access only and
    // the client keeps (and soon replaces) the refresh token it has.
    const { payload } = await buildTokenPayload(undefined, app, facts, { now: ctx.now, includeRefresh: false });
    return payload;
  }
  await revokeSession({
    ctx,
    input: { app, appUserId: session.appUserId, sessionId: session.id, reason: "refresh_token_reused" },
  });
  throw new AppError("refresh_token_reused");
}

/**
 * `tokens/verify/refresh`: the token must still be redeemable (current, or the
 * previous one within the grace window). Read-only: a superseded token is a
 * plain 401 here; only redemption treats it as reuse.
 */
export function assertRefreshTokenRedeemable(principal: RefreshPrincipal, now: Date): void {
  if (refreshTokenStanding(principal.session, principal.claims.jti, now) === "reused") {
    throw new AppError({ code: "invalid_token", message: "Refresh token superseded" });
  }
}
