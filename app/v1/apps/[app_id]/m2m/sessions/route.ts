import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { listM2mSessions } from "@/lib/m2m/list-m2m-sessions";
import { M2mParams, M2mSessionsResponse } from "@/lib/m2m/schemas";

export const GET = apiRoute(
  {
    auth: "secret",
    summary: "List an app's M2M sessions",
    description: "Active and inactive (`status: false`) sessions, newest first. Never shows a token.",
    tags: ["M2M"],
    params: M2mParams,
    response: M2mSessionsResponse,
  },
  async ({ ctx, params }) => ({ sessions: await listM2mSessions({ ctx, input: { appId: params.app_id } }) }),
);

export const OPTIONS = preflight;
