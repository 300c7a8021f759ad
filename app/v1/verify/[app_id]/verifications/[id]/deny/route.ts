import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { serializeOne } from "@/lib/verifications/access";
import { denyVerification } from "@/lib/verifications/deny-verification";
import { DenyBody, VerificationParams, VerificationResponse } from "@/lib/verifications/schemas";

export const POST = apiRoute(
  {
    auth: "verifyCaller",
    summary: "Deny a verification",
    description: "Pending → `denied` with `consent_decision: denied`; webhook `verification.{channel}.denied`.",
    tags: ["Verifications"],
    params: VerificationParams,
    body: DenyBody,
    response: VerificationResponse,
  },
  async ({ ctx, params, body, principal }) => ({
    verification: await serializeOne(principal.app, await denyVerification({ ctx, input: { principal, id: params.id, reason: body.reason } })),
  }),
);

export const OPTIONS = preflight;
