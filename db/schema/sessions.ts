import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { pk, timestamps, tstz } from "./_columns";
import { apps } from "./apps";
import { appUsers } from "./users";

/**
 * User sessions (spec §2.5). The session row is the revocation point for every
 * access and refresh token it issued (JWT `uid`). Refresh rotation: the hash
 * of the current refresh token's `jti` is kept, plus the one it replaced and
 * when (`prev_refresh_jti_hash`, `refresh_rotated_at`): the previous token is
 * tolerated for a short grace window (multi-tab races, answered without a new
 * refresh token); presenting it later, or any older one, is reuse and revokes
 * the session (threats T15).
 */
export const sessions = pgTable(
  "sessions",
  {
    id: pk(),
    appId: uuid("app_id")
      .notNull()
      .references(() => apps.id),
    appUserId: uuid("app_user_id")
      .notNull()
      .references(() => appUsers.id, { onDelete: "cascade" }),
    type: text("type", { enum: ["webauthn", "magic", "xlogin", "oauth", "misc"] }).notNull(),
    credentialId: text("credential_id"),
    displayName: text("display_name"),
    nickname: text("nickname"),
    userAgent: text("user_agent"),
    platform: text("platform"),
    browser: text("browser"),
    lastUsedAtIp: text("last_used_at_ip"),
    fingerprint: text("fingerprint"),
    refreshJtiHash: text("refresh_jti_hash"),
    refreshGeneration: integer("refresh_generation").notNull().default(0),
    prevRefreshJtiHash: text("prev_refresh_jti_hash"),
    refreshRotatedAt: tstz("refresh_rotated_at"),
    lastUsedAt: tstz("last_used_at").notNull().defaultNow(),
    expiresAt: tstz("expires_at").notNull(),
    revokedAt: tstz("revoked_at"),
    revokedReason: text("revoked_reason"),
    ...timestamps,
  },
  (t) => [
    // GET /sessions and admin session lists: live sessions of a user.
    index("sessions_user_live_idx").on(t.appUserId, t.createdAt).where(sql`${t.revokedAt} is null`),
    // App deletion and cleanup sweeps: sessions of an app.
    index("sessions_app_idx").on(t.appId),
  ],
);
