import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { serializeOne } from "@/lib/verifications/access";
import { resendVerification } from "@/lib/verifications/resend-verification";
import { ResendResponse, VerificationParams } from "@/lib/verifications/schemas";

export const POST = apiRoute(
  {
    auth: "verifyCaller",
    summary: "Resend a verification",
    description: "Cancels the pending (or expired) verification and sends a fresh one with the same parameters; counts as a send.",
    tags: ["Verifications"],
    params: VerificationParams,
    response: ResendResponse,
  },
  async ({ ctx, params, principal }) => {
    const row = await resendVerification({ ctx, input: { principal, id: params.id } });
    return { verification: await serializeOne(principal.app, row), verification_id: row.id };
  },
);

export const OPTIONS = preflight;
