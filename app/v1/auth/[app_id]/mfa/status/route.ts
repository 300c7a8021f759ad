import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { listMfaMethods } from "@/lib/mfa/list-mfa-methods";
import { MfaParams, MfaStatusResponse } from "@/lib/mfa/schemas";

export const GET = apiRoute(
  {
    auth: "user",
    summary: "My MFA status",
    tags: ["MFA"],
    params: MfaParams,
    response: MfaStatusResponse,
  },
  async ({ ctx, principal }) => {
    const { mfa_enabled, policy, methods } = await listMfaMethods({ ctx, input: { principal } });
    return { mfa_enabled, policy, methods };
  },
);

export const OPTIONS = preflight;
