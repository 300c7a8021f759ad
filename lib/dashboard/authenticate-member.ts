/**
 * The "dashboard" credential (spec §1.3): an access JWT of a workspace member
 * signed in to the dashboard app, in `X-Authorization`.
 * PLACEHOLDER (session 4 groundwork): the dashboard helper implements it.
 */
import { xAuthorizationToken } from "@/lib/api/credentials";
import type { MemberActor } from "@/lib/context";
import { AppError } from "@/lib/errors";

export interface MemberPrincipal {
  kind: "member";
  actor: MemberActor;
  memberId: string;
  email: string;
}

/** The raw token of `X-Authorization`, if any. */
export function dashboardTokenOf(request: Request): string | null {
  return xAuthorizationToken(request);
}

export async function authenticateMember(request: Request, now: Date): Promise<MemberPrincipal> {
  void now;
  if (dashboardTokenOf(request) === null) throw new AppError("unauthorized");
  throw new AppError("unauthorized");
}
