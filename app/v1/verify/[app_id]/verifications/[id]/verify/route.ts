import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { serializeOne } from "@/lib/verifications/access";
import { VerificationParams, VerificationResponse, VerifyCodeBody } from "@/lib/verifications/schemas";
import { verifyVerificationCode } from "@/lib/verifications/verify-verification-code";

export const POST = apiRoute(
  {
    auth: "verifyCaller",
    summary: "Verify a verification's code",
    description:
      "`code` (OTP) or `token` (link token). Wrong → 422 `invalid_code` with `remaining_attempts`; the 5th wrong code fails " +
      "the verification (422 `challenge_failed`, webhook `…failed`).",
    tags: ["Verifications"],
    params: VerificationParams,
    body: VerifyCodeBody,
    response: VerificationResponse,
  },
  async ({ ctx, params, body, principal }) => ({
    verification: await serializeOne(
      principal.app,
      await verifyVerificationCode({ ctx, input: { principal, id: params.id, code: body.code, token: body.token } }),
    ),
  }),
);

export const OPTIONS = preflight;
