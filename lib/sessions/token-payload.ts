/**
 * The token payload of spec §2.1, minted for an existing session. Shared by
 * sign-in (startSession) and the token routes (refresh, rotate, force).
 */
import type { Executor } from "@/db/client";
import type { AppRow } from "@/lib/apps/find-app";
import { randomToken } from "@/lib/crypto";
import { type SessionFacts, signAccessToken, signRefreshToken } from "@/lib/tokens/sign-app-jwt";

export interface TokenPayload {
  access: string;
  refresh?: string;
  csrf: string;
  access_expires_at: string;
  refresh_expires_at?: string;
  user_id: string;
  key_id: string;
}

export interface PayloadOptions {
  /** The request clock: `iat`, and so `exp = iat + lifetime` exactly. */
  now: Date;
  /** Include a refresh token with this `jti` (its hash must be stored by the caller); none when absent. */
  refreshJti?: string;
  /** Whether the refresh token, when minted, appears in the payload (app `refresh_payload`). */
  includeRefresh: boolean;
}

/**
 * Sign an access token (and a refresh token when `refreshJti` is given) for
 * `session`. `db` is the open transaction, if any: signing inside a
 * transaction on another connection deadlocks PGlite.
 */
export async function buildTokenPayload(
  db: Executor | undefined,
  app: AppRow,
  session: SessionFacts,
  opts: PayloadOptions,
): Promise<{ payload: TokenPayload; refreshToken: string | null }> {
  const signOpts = { now: opts.now, ...(db ? { db } : {}) };
  const access = await signAccessToken(app, session, signOpts);
  const payload: TokenPayload = {
    access: access.token,
    csrf: randomToken(24),
    access_expires_at: access.expiresAt.toISOString(),
    user_id: session.appUserId,
    key_id: access.kid,
  };
  if (opts.refreshJti === undefined) return { payload, refreshToken: null };
  const refresh = await signRefreshToken(app, session, { ...signOpts, jti: opts.refreshJti });
  if (opts.includeRefresh) {
    payload.refresh = refresh.token;
    payload.refresh_expires_at = refresh.expiresAt.toISOString();
  }
  return { payload, refreshToken: refresh.token };
}
