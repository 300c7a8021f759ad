import { randomUUID } from "node:crypto";
import type { Ctx } from "@/lib/context";
import { getDashboardApp } from "@/lib/dashboard/dashboard-app";
import { authenticateAccessToken } from "@/lib/sessions/authenticate-session";
import { revokeSession } from "@/lib/sessions/revoke-session";

/**
 * Revoke the dashboard app session behind `access` (sign-out, refused
 * sign-in). An expired access token still names its session; one already
 * revoked is a no-op.
 */
export async function endDashboardSession(access: string): Promise<void> {
  const now = new Date();
  const app = await getDashboardApp();
  const principal = await authenticateAccessToken(app.publicId, access, { now, allowExpired: true });
  const ctx: Ctx = {
    requestId: randomUUID(),
    now,
    ip: null,
    userAgent: null,
    actor: { type: "endUser", appId: app.id, appUserId: principal.user.id, sessionId: principal.session.id, credentialId: null },
  };
  await revokeSession({
    ctx,
    input: { app, appUserId: principal.user.id, sessionId: principal.session.id, reason: "sign_out" },
  });
}
