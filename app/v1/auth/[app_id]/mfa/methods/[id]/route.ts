import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { removeMfaMethod } from "@/lib/mfa/remove-mfa-method";
import { MfaMethodParams, MfaReverifyQuery } from "@/lib/mfa/schemas";

export const DELETE = apiRoute(
  {
    auth: "user",
    summary: "Remove an MFA method",
    description:
      "204, no body. A session older than `mfa_reverify_minutes` must pass `challenge` (the token of a completed " +
      "step_up challenge), else 422 `reverification_required`.",
    tags: ["MFA"],
    params: MfaMethodParams,
    query: MfaReverifyQuery,
  },
  async ({ ctx, params, query, principal }) => {
    await removeMfaMethod({ ctx, input: { principal, id: params.id, challenge: query.challenge } });
    return new Response(null, { status: 204 });
  },
);

export const OPTIONS = preflight;
