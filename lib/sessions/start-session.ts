/**
 * Signing a user in: the one place a user session is created and its first
 * tokens are minted (spec §2.1, §2.5). Every sign-in flow (magic link, OTP,
 * passkey, OAuth, workspace exchange) calls `startSession` inside its own
 * transaction, after `assertCanAuthenticate`.
 */
import { eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { appUsers, sessions } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { sha256Hex } from "@/lib/crypto";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { newId } from "@/lib/ids";
import type { AppUserRow, SessionRow } from "@/lib/users/serialize";
import { buildTokenPayload, type TokenPayload } from "@/lib/sessions/token-payload";
import { summarizeUserAgent } from "@/lib/user-agent";

export type { TokenPayload } from "@/lib/sessions/token-payload";

export type SessionType = "webauthn" | "magic" | "xlogin" | "oauth" | "misc";

/** Fingerprints are opaque visitor ids (FingerprintJS); anything else is dropped. */
const FINGERPRINT = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Throws AppError user_inactive (403) unless the user may sign in (status not
 * inactive) — the single canAuthenticate check of threats T25.
 */
export function assertCanAuthenticate(user: AppUserRow): void {
  if (user.status === "inactive") throw new AppError("user_inactive");
}

function fingerprintOf(request: Request | undefined): string | null {
  const value = request?.headers.get("x-fingerprint")?.trim();
  return value && FINGERPRINT.test(value) ? value : null;
}

/**
 * Inside the caller's transaction: create a session row (type, user agent
 * summary, ip, fingerprint from X-Fingerprint if given), sign access + refresh
 * tokens (db: tx), store the refresh token's jti hash, bump user
 * login_count/last_login_at/last_used_at, record `user.login`; returns the
 * §2.1 payload (refresh omitted when app.refresh_payload is false).
 */
export async function startSession(
  tx: Executor,
  ctx: Ctx,
  input: { app: AppRow; user: AppUserRow; type: SessionType; credentialId?: string | null; request?: Request },
): Promise<{ session: SessionRow; payload: TokenPayload }> {
  const { app, user, type } = input;
  if (user.appId !== app.id) throw new Error("startSession: user does not belong to app");
  assertCanAuthenticate(user);

  const now = ctx.now;
  const sessionId = newId();
  const credentialId = input.credentialId ?? null;
  const facts = { appUserId: user.id, sessionId, credentialId };
  const refreshJti = newId();
  const tokens = await buildTokenPayload(tx, app, facts, { now, refreshJti, includeRefresh: app.refreshPayload });

  const userAgent = input.request?.headers.get("user-agent") ?? ctx.userAgent;
  const ua = summarizeUserAgent(userAgent);
  const [session] = await tx
    .insert(sessions)
    .values({
      id: sessionId,
      appId: app.id,
      appUserId: user.id,
      type,
      credentialId,
      displayName: ua.displayName,
      userAgent: userAgent ? userAgent.slice(0, 1024) : null,
      platform: ua.platform,
      browser: ua.browser,
      lastUsedAtIp: ctx.ip,
      fingerprint: fingerprintOf(input.request),
      refreshJtiHash: sha256Hex(refreshJti),
      refreshGeneration: 0,
      lastUsedAt: now,
      expiresAt: new Date(now.getTime() + app.refreshExpiration * 1000),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!session) throw new Error("session insert returned nothing");

  await tx
    .update(appUsers)
    .set({ loginCount: sql`${appUsers.loginCount} + 1`, lastLoginAt: now, lastUsedAt: now, updatedAt: now })
    .where(eq(appUsers.id, user.id));
  await recordEvent(tx, ctx, {
    workspaceId: app.workspaceId,
    appId: app.id,
    appUserId: user.id,
    slug: "user.login",
    params: { user_id: user.id, session_id: session.id, session_type: type },
  });
  return { session, payload: tokens.payload };
}
