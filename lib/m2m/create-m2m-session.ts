/**
 * A new M2M session (spec §18.1, §18.7): the row (short token and refresh
 * `jti` stored only as SHA-256), an access JWT, a refresh JWT and the
 * `scm2m_…` short token, shown once.
 */
import { getDb } from "@/db/client";
import { m2mSessions } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { randomToken, sha256Hex } from "@/lib/crypto";
import { recordEvent } from "@/lib/events/record-event";
import { newId, PREFIXES, randomBase62 } from "@/lib/ids";
import type { M2mTokenPayloadObject } from "@/lib/m2m/schemas";
import { signM2mToken } from "@/lib/m2m/tokens";
import { summarizeUserAgent } from "@/lib/user-agent";

export interface CreateM2mInput {
  app: AppRow;
  clientName?: string;
  nickname?: string;
  /** The API key that asked for the session. */
  apiKeyId: string | null;
}

export async function createM2mSession({ ctx, input }: { ctx: Ctx; input: CreateM2mInput }): Promise<M2mTokenPayloadObject> {
  const { app } = input;
  const clientName = input.clientName ?? "m2m";
  const sessionId = newId();
  const refreshJti = newId();
  const shortToken = PREFIXES.m2mShort + randomBase62(43);
  const access = await signM2mToken(app, { sessionId, use: "access", clientName }, { now: ctx.now });
  const refresh = await signM2mToken(app, { sessionId, use: "refresh", jti: refreshJti }, { now: ctx.now });
  const ua = summarizeUserAgent(ctx.userAgent);
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.insert(m2mSessions).values({
      id: sessionId,
      appId: app.id,
      apiKeyId: input.apiKeyId,
      clientName,
      nickname: input.nickname ?? null,
      shortTokenHash: sha256Hex(shortToken),
      refreshJtiHash: sha256Hex(refreshJti),
      accessExpiresAt: access.expiresAt,
      refreshExpiresAt: refresh.expiresAt,
      userAgent: ctx.userAgent?.slice(0, 1024) ?? null,
      browser: ua.browser,
      platform: ua.platform,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await recordEvent(tx, ctx, {
      workspaceId: app.workspaceId,
      appId: app.id,
      slug: "m2m.created",
      params: { m2m_session_id: sessionId, client_name: clientName, api_key_id: input.apiKeyId },
    });
  });
  return {
    access: access.token,
    access_expires_at: access.expiresAt.toISOString(),
    csrf: randomToken(24),
    key_id: access.kid,
    client_name: clientName,
    refresh: refresh.token,
    refresh_expires_at: refresh.expiresAt.toISOString(),
    short_token: shortToken,
  };
}
