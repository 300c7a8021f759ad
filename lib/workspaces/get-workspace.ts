import type { Ctx } from "@/lib/context";
import { reachableWorkspace } from "@/lib/workspaces/reachable-workspace";
import type { WorkspaceObject } from "@/lib/workspaces/schemas";
import { toWorkspace } from "@/lib/workspaces/serialize";

/**
 * One workspace by uuid or slug, if the caller's workspace key reaches it (its
 * own or a child); anything else is 404 `workspace_not_found`, exactly like an
 * id that does not exist, so other tenants' workspaces cannot be probed.
 */
export async function getWorkspace({ ctx, input }: { ctx: Ctx; input: { idOrSlug: string } }): Promise<WorkspaceObject> {
  return toWorkspace(await reachableWorkspace(ctx, input.idOrSlug));
}
