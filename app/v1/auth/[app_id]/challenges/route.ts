import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { openChallenge } from "@/lib/challenges/open-challenge";
import { ChallengeCreateBody, ChallengeParams, ChallengeResponse } from "@/lib/challenges/schemas";

export const POST = apiRoute(
  {
    auth: "optionalSecret",
    summary: "Create a challenge",
    description:
      "With the app's API secret: every purpose and method (`email_otp`, `sms_otp`, `totp`, `backup_code`), for " +
      "`app_user_id` or `identifier`; OTP methods are delivered at once. Without a secret only the SDK's MFA method " +
      "switch is allowed: purpose `mfa` for a user whose sign-in is waiting on a second factor (a pending, or cancelled " +
      "in the last 10 minutes, `mfa` challenge); `method` must be one of the MFA body's `available_methods`.",
    tags: ["Challenges"],
    params: ChallengeParams,
    body: ChallengeCreateBody,
    response: ChallengeResponse,
    bodyLimit: 64 * 1024,
    rateLimits: [
      { name: "challenge_create_ip", limit: 60, windowSeconds: 600, key: ({ ctx, params }) => (ctx.ip ? `${params.app_id}:${ctx.ip}` : null) },
    ],
  },
  async ({ ctx, params, body }) => openChallenge({ ctx, input: { appId: params.app_id, body } }),
);

export const OPTIONS = preflight;
