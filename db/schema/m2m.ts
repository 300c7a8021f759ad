import { index, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { pk, timestamps, tstz } from "./_columns";
import { apps } from "./apps";

/**
 * Machine-to-machine sessions (spec §18). The access JWT's `uid` is this row's
 * id; the `short_token` (scm2m_…) is stored only as its SHA-256; refresh
 * rotation keeps the hash of the current refresh `jti` (as user sessions do).
 */
export const m2mSessions = pgTable(
  "m2m_sessions",
  {
    id: pk(),
    appId: uuid("app_id")
      .notNull()
      .references(() => apps.id),
    apiKeyId: uuid("api_key_id"),
    clientName: text("client_name").notNull(),
    nickname: text("nickname"),
    shortTokenHash: text("short_token_hash").notNull(),
    refreshJtiHash: text("refresh_jti_hash"),
    accessExpiresAt: tstz("access_expires_at").notNull(),
    refreshExpiresAt: tstz("refresh_expires_at"),
    lastUsedAt: tstz("last_used_at"),
    lastUsedAtIp: text("last_used_at_ip"),
    userAgent: text("user_agent"),
    browser: text("browser"),
    platform: text("platform"),
    revokedAt: tstz("revoked_at"),
    ...timestamps,
  },
  (t) => [
    // Short-token lookup on every M2M-authenticated request.
    uniqueIndex("m2m_sessions_short_token_key").on(t.shortTokenHash),
    // GET /m2m/sessions: sessions of an app, newest first.
    index("m2m_sessions_app_idx").on(t.appId, t.createdAt.desc()),
  ],
);
