import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { verifyEnrollment } from "@/lib/mfa/verify-enrollment";
import { MfaEnrollVerifyBody, MfaEnrollVerifyResponse, MfaParams } from "@/lib/mfa/schemas";

export const POST = apiRoute(
  {
    auth: "user",
    summary: "Verify an MFA enrollment",
    description: "The current TOTP code, or the code sent to the email/phone. Wrong code → 422 `invalid_code`.",
    tags: ["MFA"],
    params: MfaParams,
    body: MfaEnrollVerifyBody,
    response: MfaEnrollVerifyResponse,
    rateLimits: [{ name: "mfa_enroll_verify_user", limit: 20, windowSeconds: 600, key: ({ ctx }) => (ctx.actor.type === "endUser" ? ctx.actor.appUserId : null) }],
  },
  async ({ ctx, body, principal }) => verifyEnrollment({ ctx, input: { principal, enrollmentId: body.enrollment_id, code: body.code } }),
);

export const OPTIONS = preflight;
