/**
 * Resolution of the `m2m` credential (spec §1.3, §18; threats T14, T17,
 * T21): an M2M access JWT of the route's app (`tt: m2m`, `m2m_use: access`)
 * or a `scm2m_…` short token (looked up by its SHA-256). Either way the
 * session row is read on every request, so a revoked session, a deleted app
 * or an expired session stops at once. Every failure is a 401.
 */
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apps, m2mSessions } from "@/db/schema";
import { type AppRow, findLiveAppCached } from "@/lib/apps/find-app";
import type { M2mActor } from "@/lib/context";
import { sha256Hex } from "@/lib/crypto";
import { AppError } from "@/lib/errors";
import { PREFIXES } from "@/lib/ids";
import type { M2mSessionRow } from "@/lib/m2m/serialize";
import { verifyM2mToken } from "@/lib/m2m/tokens";

export interface M2mPrincipal {
  kind: "m2m";
  app: AppRow;
  session: M2mSessionRow;
  /** How the caller authenticated. */
  via: "jwt" | "short_token";
}

/** Last-use stamps are written at most this often per session. */
const TOUCH_INTERVAL_MS = 60_000;

export function isShortToken(token: string): boolean {
  return token.startsWith(PREFIXES.m2mShort);
}

async function loadSession(where: ReturnType<typeof eq>): Promise<{ session: M2mSessionRow; app: AppRow } | null> {
  const db = await getDb();
  const [row] = await db
    .select({ session: m2mSessions, app: apps })
    .from(m2mSessions)
    .innerJoin(apps, eq(apps.id, m2mSessions.appId))
    .where(where)
    .limit(1);
  return row ?? null;
}

export async function authenticateM2m(
  appIdParam: string,
  token: string,
  opts: { now: Date; ip?: string | null },
): Promise<M2mPrincipal> {
  const routeApp = await findLiveAppCached(appIdParam);
  if (!routeApp) throw new AppError("invalid_token");
  let found: { session: M2mSessionRow; app: AppRow } | null;
  let via: M2mPrincipal["via"];
  if (isShortToken(token)) {
    via = "short_token";
    found = await loadSession(eq(m2mSessions.shortTokenHash, sha256Hex(token)));
    // The short token lives as long as the session's current access token.
    if (found && found.session.accessExpiresAt.getTime() <= opts.now.getTime() && !found.session.revokedAt) {
      throw new AppError("token_expired");
    }
  } else {
    via = "jwt";
    const claims = await verifyM2mToken(routeApp, token, "access", { now: opts.now });
    found = await loadSession(eq(m2mSessions.id, claims.uid));
  }
  if (!found || found.app.deletedAt || found.session.appId !== routeApp.id) throw new AppError("invalid_token");
  if (found.session.revokedAt) throw new AppError("session_revoked");

  // Best-effort last-use stamp, throttled by the guard (no write on most requests).
  const { session } = found;
  if (!session.lastUsedAt || opts.now.getTime() - session.lastUsedAt.getTime() >= TOUCH_INTERVAL_MS) {
    const db = await getDb();
    await db
      .update(m2mSessions)
      .set({ lastUsedAt: opts.now, ...(opts.ip ? { lastUsedAtIp: opts.ip } : {}) })
      .where(
        and(
          eq(m2mSessions.id, session.id),
          or(isNull(m2mSessions.lastUsedAt), lt(m2mSessions.lastUsedAt, new Date(opts.now.getTime() - TOUCH_INTERVAL_MS))),
        ),
      );
  }
  return { kind: "m2m", app: found.app, session, via };
}

export function m2mActor(p: M2mPrincipal): M2mActor {
  return { type: "m2m", appId: p.app.id, workspaceId: p.app.workspaceId, sessionId: p.session.id };
}
