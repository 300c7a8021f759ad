import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { AdminUserParams, AdminUserResponse } from "@/lib/users/admin-schemas";
import { adminSetUserStatus } from "@/lib/users/admin-set-user-status";
import { adminUserData } from "@/lib/users/admin-user-data";

export const POST = apiRoute(
  {
    auth: "secret",
    summary: "Deactivate a user",
    description: "Sets status inactive (idempotent) and revokes every session at once: its tokens answer 401 and sign-in routes answer 403 user_inactive. The user is kept.",
    tags: ["Users"],
    params: AdminUserParams,
    response: AdminUserResponse,
  },
  async ({ ctx, params }) => {
    const { app, user } = await adminSetUserStatus({ ctx, input: { appId: params.app_id, userId: params.id, status: "inactive" } });
    return { user: await adminUserData(app, user, ctx.now) };
  },
);

export const OPTIONS = preflight;
