import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { revokeM2mSessionOf } from "@/lib/m2m/revoke-m2m-session";
import { M2mParams, OkMessage } from "@/lib/m2m/schemas";

export const DELETE = apiRoute(
  {
    auth: "m2m",
    summary: "Revoke the caller's own M2M session",
    tags: ["M2M"],
    params: M2mParams,
    response: OkMessage,
  },
  async ({ ctx, principal }) => {
    await revokeM2mSessionOf(ctx, principal.app, principal.session.id, "revoked_by_self");
    return { message: "ok" };
  },
);

export const OPTIONS = preflight;
