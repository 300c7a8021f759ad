/**
 * M2M refresh with rotation and reuse detection (spec §18.3; threats T15,
 * T17): the refresh `jti` is single-use. One guarded UPDATE (`… WHERE
 * refresh_jti_hash = <hash of the presented jti> AND revoked_at IS NULL`)
 * picks the winner, which alone gets the new tokens; presenting a replaced
 * refresh token again is reuse and revokes the session.
 */
import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { m2mSessions } from "@/db/schema";
import { findLiveAppCached } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { randomToken, sha256Hex } from "@/lib/crypto";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { isShortToken } from "@/lib/m2m/authenticate-m2m";
import { revokeM2mSessionOf } from "@/lib/m2m/revoke-m2m-session";
import type { M2mRefreshPayloadObject } from "@/lib/m2m/schemas";
import { signM2mToken, verifyM2mToken } from "@/lib/m2m/tokens";

export interface RefreshM2mInput {
  appId: string;
  refreshToken: string;
  /** The M2M access credential sent alongside, if any: it must belong to the same session (may be expired). */
  accessToken: string | null;
}

export async function refreshM2mSession({ ctx, input }: { ctx: Ctx; input: RefreshM2mInput }): Promise<M2mRefreshPayloadObject> {
  const app = await findLiveAppCached(input.appId);
  if (!app) throw new AppError("invalid_token");
  const claims = await verifyM2mToken(app, input.refreshToken, "refresh", { now: ctx.now });
  if (input.accessToken) {
    if (isShortToken(input.accessToken)) {
      const db = await getDb();
      const [owner] = await db
        .select({ id: m2mSessions.id })
        .from(m2mSessions)
        .where(eq(m2mSessions.shortTokenHash, sha256Hex(input.accessToken)))
        .limit(1);
      if (owner?.id !== claims.uid) throw new AppError("invalid_token");
    } else {
      const access = await verifyM2mToken(app, input.accessToken, "access", { now: ctx.now, allowExpired: true });
      if (access.uid !== claims.uid) throw new AppError("invalid_token");
    }
  }

  const db = await getDb();
  const [session] = await db
    .select()
    .from(m2mSessions)
    .where(and(eq(m2mSessions.id, claims.uid), eq(m2mSessions.appId, app.id)))
    .limit(1);
  if (!session) throw new AppError("invalid_token");
  if (session.revokedAt) throw new AppError("session_revoked");

  const newJti = newId();
  const access = await signM2mToken(app, { sessionId: session.id, use: "access", clientName: session.clientName }, { now: ctx.now });
  const refresh = await signM2mToken(app, { sessionId: session.id, use: "refresh", jti: newJti }, { now: ctx.now });
  const [won] = await db
    .update(m2mSessions)
    .set({
      refreshJtiHash: sha256Hex(newJti),
      accessExpiresAt: access.expiresAt,
      refreshExpiresAt: refresh.expiresAt,
      lastUsedAt: ctx.now,
      ...(ctx.ip ? { lastUsedAtIp: ctx.ip } : {}),
      updatedAt: ctx.now,
    })
    .where(
      and(
        eq(m2mSessions.id, session.id),
        isNull(m2mSessions.revokedAt),
        eq(m2mSessions.refreshJtiHash, sha256Hex(claims.jti)),
      ),
    )
    .returning({ id: m2mSessions.id });
  if (!won) {
    // A replaced (or never current) refresh token: reuse. Revoke the session.
    await revokeM2mSessionOf(ctx, app, session.id, "refresh_token_reused");
    throw new AppError("refresh_token_reused");
  }
  return {
    access: access.token,
    access_expires_at: access.expiresAt.toISOString(),
    csrf: randomToken(24),
    key_id: access.kid,
    refresh: refresh.token,
    refresh_expires_at: refresh.expiresAt.toISOString(),
  };
}
