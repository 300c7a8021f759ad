import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { OkResponse } from "@/lib/apps/schemas";
import { AdminUserSessionParams } from "@/lib/users/admin-schemas";
import { adminRevokeUserSession } from "@/lib/users/admin-user-sessions";

export const DELETE = apiRoute(
  {
    auth: "secret",
    summary: "Revoke a user's session",
    description:
      "Its access and refresh tokens answer 401 from the next request on. Unknown user → 404 user_not_found; a session " +
      "that is unknown, another user's or already revoked → 404 not_found.",
    tags: ["Users"],
    params: AdminUserSessionParams,
    response: OkResponse,
  },
  async ({ ctx, params }) => {
    await adminRevokeUserSession({ ctx, input: { appId: params.app_id, userId: params.id, sessionId: params.session_id } });
    return { message: "ok" };
  },
);

export const OPTIONS = preflight;
