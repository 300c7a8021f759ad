import { findChallengeByToken } from "@/lib/challenges/find-challenge";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import type { AccessPrincipal } from "@/lib/sessions/authenticate-session";

/**
 * Sensitive MFA changes (spec §14.8): a session younger than the app's
 * `mfa_reverify_minutes` may make them; an older one must show the token of a
 * step-up challenge of the same user completed within that window, else 422
 * reverification_required — a stolen long-lived session cannot strip or
 * replace a second factor.
 */
export async function assertRecentlyVerified(ctx: Ctx, principal: AccessPrincipal, challengeToken?: string | null): Promise<void> {
  const windowMs = principal.app.mfaReverifyMinutes * 60_000;
  if (ctx.now.getTime() - principal.session.createdAt.getTime() < windowMs) return;
  if (challengeToken) {
    const row = await findChallengeByToken(principal.app.id, challengeToken);
    const fresh = row?.completedAt && ctx.now.getTime() - row.completedAt.getTime() < windowMs;
    if (row && fresh && row.status === "completed" && row.purpose === "step_up" && row.appUserId === principal.user.id) return;
  }
  throw new AppError("reverification_required");
}
