import type { m2mSessions } from "@/db/schema";
import type { M2mSessionObject } from "@/lib/m2m/schemas";
import { summarizeUserAgent } from "@/lib/user-agent";

export type M2mSessionRow = typeof m2mSessions.$inferSelect;

/** Whether an M2M session is usable at `now`: not revoked, and its access or refresh still alive. */
export function isM2mSessionLive(row: M2mSessionRow, now: Date): boolean {
  if (row.revokedAt) return false;
  const until = Math.max(row.accessExpiresAt.getTime(), row.refreshExpiresAt?.getTime() ?? 0);
  return until > now.getTime();
}

/** The M2M session object (spec §18): never a token or a hash. */
export function toM2mSession(row: M2mSessionRow, now: Date): M2mSessionObject {
  const ua = summarizeUserAgent(row.userAgent);
  return {
    id: row.id,
    status: isM2mSessionLive(row, now),
    type: "m2m",
    client_name: row.clientName,
    display_name: row.nickname ?? row.clientName,
    access_expiration: row.accessExpiresAt.toISOString(),
    refresh_expiration: row.refreshExpiresAt?.toISOString() ?? null,
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    last_used_at_ip: row.lastUsedAtIp,
    user_agent: row.userAgent,
    browser: row.browser ?? ua.browser,
    platform: row.platform ?? ua.platform,
    user_agent_shortname: ua.displayName,
    nickname: row.nickname,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
