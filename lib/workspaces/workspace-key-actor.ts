import type { ApiKeyActor, Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";

/**
 * The caller's workspace API key, or 403 `forbidden`. Workspace routes take
 * their tenant from this key alone (threats T20); app keys never reach them.
 */
export function workspaceKeyActor(ctx: Ctx): ApiKeyActor {
  if (ctx.actor.type !== "apiKey") throw new AppError("unauthorized");
  if (ctx.actor.keyKind !== "workspace") {
    throw new AppError({ code: "forbidden", message: "This route needs a workspace API key (scwor_…), not an app key" });
  }
  return ctx.actor;
}
