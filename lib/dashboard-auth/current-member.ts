/**
 * Who is using the dashboard, re-checked on every request: the session
 * cookie's access token must still name a live dashboard app session of a
 * member with at least one active membership. A removed member, a revoked
 * session or a deleted user is refused on their next request.
 */
import { randomUUID } from "node:crypto";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { decode, type JWT } from "next-auth/jwt";
import { cache } from "react";
import type { Ctx, MemberActor } from "@/lib/context";
import { dashboardAuthSecret, sessionCookieName } from "@/lib/dashboard-auth/auth-options";
import { getDashboardApp } from "@/lib/dashboard/dashboard-app";
import { type MemberMembership, type MemberRole, type MemberSession, memberSessionFromAccessToken } from "@/lib/dashboard/member-session";
import { isAppError } from "@/lib/errors";
import { authenticateAccessToken } from "@/lib/sessions/authenticate-session";
import { rotateAccess } from "@/lib/sessions/rotate-access";

export type { MemberRole };
export type Membership = MemberMembership;

export interface SignedInMember {
  member: { id: string; email: string; name: string | null };
  memberships: Membership[];
  actor: MemberActor;
}

/** Why a request was refused; the sign-in page explains each. */
export type Refusal = "signed_out" | "session_ended" | "not_a_member";

/** The decoded next-auth session token, or null (absent, tampered or expired). */
async function readSessionToken(): Promise<JWT | null> {
  const jar = await cookies();
  const name = sessionCookieName();
  // next-auth splits a large token into `name.0`, `name.1`, … cookies.
  const value =
    jar.get(name)?.value ??
    jar
      .getAll()
      .filter((c) => c.name.startsWith(`${name}.`))
      .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)))
      .map((c) => c.value)
      .join("");
  if (!value) return null;
  try {
    return await decode({ token: value, secret: dashboardAuthSecret() });
  } catch {
    return null;
  }
}

/**
 * The access token's member. An access token outlives its short `exp` within
 * the app's refresh window: it is rotated (which also records activity on the
 * session) rather than signing the admin out every hour.
 */
async function resolve(access: string, now: Date): Promise<MemberSession & { sessionId: string }> {
  try {
    return await memberSessionFromAccessToken(access, now);
  } catch (e) {
    if (!isAppError(e) || e.code !== "token_expired") throw e;
    const app = await getDashboardApp();
    const principal = await authenticateAccessToken(app.publicId, access, { now, allowExpired: true });
    const ctx: Ctx = {
      requestId: randomUUID(),
      now,
      ip: null,
      userAgent: null,
      actor: { type: "endUser", appId: app.id, appUserId: principal.user.id, sessionId: principal.session.id, credentialId: null },
    };
    const payload = await rotateAccess({ ctx, principal });
    return memberSessionFromAccessToken(payload.access, now);
  }
}

/** The signed-in member of this request, or why there is none. Cached per request (layout and page share it). */
export const currentMember = cache(async (): Promise<SignedInMember | { refused: Refusal }> => {
  const token = await readSessionToken();
  if (!token?.access || !token.memberId) return { refused: "signed_out" };
  try {
    const found = await resolve(token.access, new Date());
    if (found.member.id !== token.memberId) return { refused: "session_ended" };
    const active = found.memberships;
    if (active.length === 0) return { refused: "not_a_member" };
    return {
      member: found.member,
      memberships: active,
      actor: { type: "member", memberId: found.member.id, sessionId: found.sessionId },
    };
  } catch (e) {
    if (!isAppError(e)) throw e;
    return { refused: e.code === "workspace_access_denied" || e.code === "forbidden" ? "not_a_member" : "session_ended" };
  }
});

/** The signed-in member, or a redirect that clears the session and explains why. */
export async function requireMember(): Promise<SignedInMember> {
  const found = await currentMember();
  if ("refused" in found) {
    redirect(found.refused === "signed_out" ? "/dashboard/sign-in" : `/dashboard/auth/end?reason=${found.refused}`);
  }
  return found;
}
