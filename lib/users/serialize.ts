/** User objects of spec §2.4 and the session object of §2.5. */
import type { appUsers, sessions } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";

export type AppUserRow = typeof appUsers.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The basic user (`ScuteUser`): identifier lookup, createUser. */
export function toScuteUser(u: AppUserRow, requiredFields: { field: string; required: boolean }[] = []): Record<string, unknown> {
  return {
    id: u.id,
    status: u.status,
    email: u.email,
    email_verified: u.emailVerified,
    phone: u.phone,
    phone_verified: u.phoneVerified,
    webauthn_enabled: u.webauthnEnabled,
    required_fields: requiredFields,
  };
}

/** The session object (`ScuteUserSession`). */
export function toUserSession(s: SessionRow): Record<string, unknown> {
  return {
    id: s.id,
    display_name: s.displayName,
    created_at: s.createdAt.toISOString(),
    updated_at: s.updatedAt.toISOString(),
    credential_id: s.credentialId,
    last_used_at: s.lastUsedAt.toISOString(),
    last_used_at_ip: s.lastUsedAtIp,
    user_agent: s.userAgent,
    type: s.type,
    platform: s.platform,
    browser: s.browser,
    user_agent_shortname: s.browser,
    nickname: s.nickname,
  };
}

/** The full user (`ScuteUserData`): current_user and admin reads. `sessions` = live sessions. */
export function toScuteUserData(u: AppUserRow, app: Pick<AppRow, "publicId" | "workspaceId">, live: SessionRow[]): Record<string, unknown> {
  const name = [u.firstName, u.middleName, u.lastName].filter(Boolean).join(" ") || null;
  return {
    ...toScuteUser(u),
    meta: u.meta ?? {},
    user_meta: u.meta ?? {},
    last_used_at: iso(u.lastUsedAt) ?? u.createdAt.toISOString(),
    signup_date: u.createdAt.toISOString(),
    webauthn_types: u.webauthnTypes,
    sessions: live.map(toUserSession),
    app_id: app.publicId,
    workspace_id: app.workspaceId,
    user_id: u.baseUserId,
    external_id: u.externalId,
    name,
    login_count: u.loginCount,
    last_login_at: iso(u.lastLoginAt),
    created_at: u.createdAt.toISOString(),
    updated_at: u.updatedAt.toISOString(),
  };
}
