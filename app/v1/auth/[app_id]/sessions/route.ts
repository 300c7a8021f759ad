import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { AppParams } from "@/lib/apps/schemas";
import { listLiveSessions } from "@/lib/sessions/list-sessions";
import { SessionListResponse } from "@/lib/sessions/schemas";
import { toUserSession } from "@/lib/users/serialize";

export const GET = apiRoute(
  {
    auth: "user",
    summary: "List my sessions",
    description: "A bare array of the caller's live sessions, newest first (the SDK calls `.find()` on it).",
    tags: ["Sessions"],
    params: AppParams,
    response: SessionListResponse,
  },
  async ({ ctx, principal }) => (await listLiveSessions(principal.app, principal.user.id, ctx.now)).map(toUserSession),
);

export const OPTIONS = preflight;
