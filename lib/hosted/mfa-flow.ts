import type { AppRow } from "@/lib/apps/find-app";
import { loginPath, setHostedFlow } from "@/lib/hosted/flow-cookie";

/** The §2.7 MFA-required body's parts the hosted pages need. */
function mfaChallengeOf(result: unknown): { token: string; timeRemaining: number } | null {
  if (typeof result !== "object" || result === null || !("mfa_required" in result) || result.mfa_required !== true) return null;
  const challenge = "mfa_challenge" in result ? result.mfa_challenge : null;
  if (typeof challenge !== "object" || challenge === null || !("token" in challenge) || typeof challenge.token !== "string") return null;
  const remaining = "time_remaining" in challenge && typeof challenge.time_remaining === "number" ? challenge.time_remaining : 600;
  return { token: challenge.token, timeRemaining: remaining };
}

/**
 * When a hosted sign-in answered the MFA-required body (spec §14.7): keep the
 * challenge token in the httpOnly flow cookie (never in a URL) and return the
 * MFA page to continue at; null for anything else (a token payload).
 */
export async function continueToMfa(app: AppRow, result: unknown): Promise<string | null> {
  const challenge = mfaChallengeOf(result);
  if (!challenge) return null;
  await setHostedFlow(app, { kind: "mfa", token: challenge.token }, Math.max(60, challenge.timeRemaining));
  return `${loginPath(app)}/mfa`;
}
