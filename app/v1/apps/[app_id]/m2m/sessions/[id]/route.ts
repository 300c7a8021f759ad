import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { revokeM2mSession } from "@/lib/m2m/revoke-m2m-session";
import { M2mSessionParams, OkMessage } from "@/lib/m2m/schemas";

export const DELETE = apiRoute(
  {
    auth: "secret",
    summary: "Revoke an M2M session",
    description: "Its access JWT, refresh token and short token stop working at once.",
    tags: ["M2M"],
    params: M2mSessionParams,
    response: OkMessage,
  },
  async ({ ctx, params }) => {
    await revokeM2mSession({ ctx, input: { appId: params.app_id, sessionId: params.id } });
    return { message: "ok" };
  },
);

export const OPTIONS = preflight;
