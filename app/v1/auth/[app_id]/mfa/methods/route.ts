import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { listMfaMethods } from "@/lib/mfa/list-mfa-methods";
import { MfaMethodsResponse, MfaParams } from "@/lib/mfa/schemas";

export const GET = apiRoute(
  {
    auth: "user",
    summary: "List my MFA methods",
    tags: ["MFA"],
    params: MfaParams,
    response: MfaMethodsResponse,
  },
  async ({ ctx, principal }) => {
    const { mfa_enabled, backup_codes_available, methods } = await listMfaMethods({ ctx, input: { principal } });
    return { mfa_enabled, backup_codes_available, methods };
  },
);

export const OPTIONS = preflight;
