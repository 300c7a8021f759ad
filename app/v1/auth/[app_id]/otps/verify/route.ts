import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { OtpParams, OtpVerifyBody, OtpVerifyResponse } from "@/lib/otp/schemas";
import { verifyOtp } from "@/lib/otp/verify-otp";

export const POST = apiRoute(
  {
    auth: "none",
    summary: "Verify a one-time code",
    description:
      "Checks the code sent by /otps/login. `user_id` is the challenge token it returned, or the app user id (the " +
      "user's latest pending code). Three attempts per code: a wrong code answers 422 `invalid_code` with " +
      "`remaining_attempts`; then `challenge_failed`; a late one `challenge_expired`. The right code signs the user in " +
      "and answers a token payload. Ignores any Authorization header.",
    tags: ["OTP"],
    params: OtpParams,
    body: OtpVerifyBody,
    response: OtpVerifyResponse,
    bodyLimit: 16 * 1024,
    rateLimits: [
      {
        name: "otp_verify_ip",
        limit: 100,
        windowSeconds: 600,
        key: ({ ctx, params }) => (ctx.ip ? `${params.app_id}:${ctx.ip}` : null),
      },
    ],
  },
  async ({ ctx, params, body, request }) => ({
    ...(await verifyOtp({ ctx, input: { appId: params.app_id, otp: body.otp, userId: body.user_id, request } })),
  }),
);

export const OPTIONS = preflight;
