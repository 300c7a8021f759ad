import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { ChallengeTokenParams, ChallengeVerifyBody, ChallengeVerifyResponse } from "@/lib/challenges/schemas";
import { verifyChallenge } from "@/lib/challenges/verify-challenge";

export const POST = apiRoute(
  {
    auth: "none",
    summary: "Verify a challenge",
    description:
      "`code`: the OTP, TOTP or a backup code (on `mfa` and `step_up` challenges). `authenticate` and `mfa` answer a " +
      "token payload plus `challenge` (or an MFA body when a further factor is needed); other purposes answer " +
      "`{ status, challenge, intent, intent_fields }`, plus `remaining_backup_codes` when a backup code was used. " +
      "Wrong code: 422 `invalid_code` with `remaining_attempts`; then `challenge_failed`; late: `challenge_expired`.",
    tags: ["Challenges"],
    params: ChallengeTokenParams,
    body: ChallengeVerifyBody,
    response: ChallengeVerifyResponse,
    bodyLimit: 64 * 1024,
    rateLimits: [
      { name: "challenge_verify_ip", limit: 100, windowSeconds: 600, key: ({ ctx, params }) => (ctx.ip ? `${params.app_id}:${ctx.ip}` : null) },
    ],
  },
  async ({ ctx, params, body, request }) =>
    verifyChallenge({
      ctx,
      input: { appId: params.app_id, token: params.token, code: body.code, linkToken: body.token, credential: body.credential, request },
    }),
);

export const OPTIONS = preflight;
