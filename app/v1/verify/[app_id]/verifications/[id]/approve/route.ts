import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { serializeOne } from "@/lib/verifications/access";
import { approveVerification } from "@/lib/verifications/approve-verification";
import { VerificationParams, VerificationResponse } from "@/lib/verifications/schemas";

export const POST = apiRoute(
  {
    auth: "verifyCaller",
    summary: "Approve a verification (recipient)",
    description: "For the signed-in recipient (user access token): pending → `verified` with `consent_decision: approved`. Backends get 403.",
    tags: ["Verifications"],
    params: VerificationParams,
    response: VerificationResponse,
  },
  async ({ ctx, params, principal }) => ({
    verification: await serializeOne(principal.app, await approveVerification({ ctx, input: { principal, id: params.id } })),
  }),
);

export const OPTIONS = preflight;
