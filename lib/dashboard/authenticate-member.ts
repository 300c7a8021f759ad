/**
 * The "dashboard" credential (spec §1.3): an access JWT of a workspace member
 * signed in to the dashboard app, in `X-Authorization` (raw or `Bearer `).
 * Every request re-checks the session and the member's memberships, so a
 * revoked session or a member removed from every workspace is refused at once.
 */
import { xAuthorizationToken } from "@/lib/api/credentials";
import type { MemberActor } from "@/lib/context";
import { type MemberMembership, memberSessionFromAccessToken } from "@/lib/dashboard/member-session";
import { AppError } from "@/lib/errors";

export interface MemberPrincipal {
  kind: "member";
  actor: MemberActor;
  memberId: string;
  email: string;
  /** The member's active memberships as of this request. */
  memberships: MemberMembership[];
}

/** The raw token of `X-Authorization`, if any. */
export function dashboardTokenOf(request: Request): string | null {
  return xAuthorizationToken(request);
}

/** 401 without a valid live dashboard session; 403 `workspace_access_denied` without an active membership. */
export async function authenticateMember(request: Request, now: Date): Promise<MemberPrincipal> {
  const token = dashboardTokenOf(request);
  if (token === null) {
    throw new AppError({ code: "unauthorized", message: "Dashboard token required: send `X-Authorization: <access token>`" });
  }
  const s = await memberSessionFromAccessToken(token, now);
  return {
    kind: "member",
    actor: { type: "member", memberId: s.member.id, sessionId: s.sessionId },
    memberId: s.member.id,
    email: s.member.email,
    memberships: s.memberships,
  };
}
