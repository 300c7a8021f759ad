import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { serializeOne } from "@/lib/verifications/access";
import { cancelVerification } from "@/lib/verifications/cancel-verification";
import { getVerification } from "@/lib/verifications/get-verification";
import { ShowResponse, VerificationParams, VerificationResponse } from "@/lib/verifications/schemas";

export const GET = apiRoute(
  {
    auth: "verifyCaller",
    summary: "Show a verification",
    description: "The verification plus its `status` duplicated at top level.",
    tags: ["Verifications"],
    params: VerificationParams,
    response: ShowResponse,
  },
  async ({ ctx, params, principal }) => getVerification({ ctx, input: { principal, id: params.id } }),
);

export const DELETE = apiRoute(
  {
    auth: "verifyCaller",
    summary: "Cancel a verification",
    description: "Only a pending verification can be cancelled (else 422 `not_pending`); its link and code stop working.",
    tags: ["Verifications"],
    params: VerificationParams,
    response: VerificationResponse,
  },
  async ({ ctx, params, principal }) => ({
    verification: await serializeOne(principal.app, await cancelVerification({ ctx, input: { principal, id: params.id } })),
  }),
);

export const OPTIONS = preflight;
