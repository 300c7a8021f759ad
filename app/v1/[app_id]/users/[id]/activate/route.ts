import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { AdminUserParams, AdminUserResponse } from "@/lib/users/admin-schemas";
import { adminSetUserStatus } from "@/lib/users/admin-set-user-status";
import { adminUserData } from "@/lib/users/admin-user-data";

export const POST = apiRoute(
  {
    auth: "secret",
    summary: "Activate a user",
    description: "Sets status active (idempotent). The user may sign in again.",
    tags: ["Users"],
    params: AdminUserParams,
    response: AdminUserResponse,
  },
  async ({ ctx, params }) => {
    const { app, user } = await adminSetUserStatus({ ctx, input: { appId: params.app_id, userId: params.id, status: "active" } });
    return { user: await adminUserData(app, user, ctx.now) };
  },
);

export const OPTIONS = preflight;
