import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { AdminSessionListResponse, AdminUserParams } from "@/lib/users/admin-schemas";
import { adminListUserSessions } from "@/lib/users/admin-user-sessions";

export const GET = apiRoute(
  {
    auth: "secret",
    summary: "List a user's sessions (alias of GET /v1/apps/{app_id}/users/{id}/sessions)",
    description: "Live sessions, newest first, as a bare array. Unknown ids and other apps' users → 404 user_not_found.",
    tags: ["Users"],
    params: AdminUserParams,
    response: AdminSessionListResponse,
  },
  async ({ ctx, params }) => adminListUserSessions({ ctx, input: { appId: params.app_id, userId: params.id } }),
);

export const OPTIONS = preflight;
