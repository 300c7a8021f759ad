import type { Ctx } from "@/lib/context";
import { appForActor } from "@/lib/tenancy";
import { adminUserData, requireAppUser } from "@/lib/users/admin-user-data";

/** One user of the app with its live sessions (spec §12.6); other apps' and unknown ids → 404 `user_not_found`. */
export async function adminGetUser({ ctx, input }: { ctx: Ctx; input: { appId: string; userId: string } }): Promise<Record<string, unknown>> {
  const app = await appForActor(ctx, input.appId);
  return adminUserData(app, await requireAppUser(app, input.userId), ctx.now);
}
