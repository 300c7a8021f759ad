import type { Ctx } from "@/lib/context";
import { reachableWorkspaceWithMembership } from "@/lib/workspaces/reachable-workspace";
import type { WorkspaceObject } from "@/lib/workspaces/schemas";
import { toWorkspace } from "@/lib/workspaces/serialize";

/**
 * One workspace by uuid or slug, if the caller reaches it: a workspace key its
 * own or a child, a member any workspace of an active membership (with the
 * caller's `membership` in the object). Anything else is 404
 * `workspace_not_found`, exactly like an id that does not exist, so other
 * tenants' workspaces cannot be probed.
 */
export async function getWorkspace({ ctx, input }: { ctx: Ctx; input: { idOrSlug: string } }): Promise<WorkspaceObject> {
  const { ws, membership } = await reachableWorkspaceWithMembership(ctx, input.idOrSlug, "read");
  return toWorkspace(ws, membership);
}
