import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { sessions } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { AccessPrincipal } from "@/lib/sessions/authenticate-session";
import { rotationSet } from "@/lib/sessions/redeem-refresh-token";
import { buildTokenPayload, type TokenPayload } from "@/lib/sessions/token-payload";

/**
 * `tokens/rotate_access` (spec §11.2, §22.4): a backend holding only an access
 * token (possibly expired, within `refresh_expiration` of its `iat`; checked
 * by the resolver) gets a fresh access token with `exp = now +
 * access_expiration` exactly and, when the app's `refresh_payload` is on, a
 * rotated refresh token (the Next.js handler keeps it in an http-only cookie).
 * Rotation supersedes the session's previous refresh token like a refresh does.
 */
export async function rotateAccess({ ctx, principal }: { ctx: Ctx; principal: AccessPrincipal }): Promise<TokenPayload> {
  const { app, session } = principal;
  const facts = { appUserId: session.appUserId, sessionId: session.id, credentialId: session.credentialId };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const newJti = app.refreshPayload ? newId() : undefined;
    const set = newJti
      ? rotationSet(ctx, newJti, app.refreshExpiration)
      : { lastUsedAt: ctx.now, ...(ctx.ip ? { lastUsedAtIp: ctx.ip } : {}), updatedAt: ctx.now };
    const [row] = await tx
      .update(sessions)
      .set(set)
      .where(and(eq(sessions.id, session.id), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    if (!row) throw new AppError("session_revoked");
    const { payload } = await buildTokenPayload(tx, app, facts, { now: ctx.now, refreshJti: newJti, includeRefresh: true });
    return payload;
  });
}
