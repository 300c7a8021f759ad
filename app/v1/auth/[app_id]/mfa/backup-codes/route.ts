import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { regenerateBackupCodes } from "@/lib/mfa/regenerate-backup-codes";
import { MfaBackupCodesResponse, MfaParams, MfaReverifyQuery } from "@/lib/mfa/schemas";

export const POST = apiRoute(
  {
    auth: "user",
    summary: "Regenerate backup codes",
    description:
      "Ten new single-use `xxxx-xxxx` codes, shown once; the old ones stop working. A session older than " +
      "`mfa_reverify_minutes` must pass `challenge` (a completed step_up token), else 422 `reverification_required`.",
    tags: ["MFA"],
    params: MfaParams,
    query: MfaReverifyQuery,
    response: MfaBackupCodesResponse,
  },
  async ({ ctx, query, principal }) => regenerateBackupCodes({ ctx, input: { principal, challenge: query.challenge } }),
);

export const OPTIONS = preflight;
