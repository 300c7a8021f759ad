import { listApps } from "@/lib/apps/list-apps";
import type { Ctx } from "@/lib/context";
import { reachableWorkspace } from "@/lib/workspaces/reachable-workspace";

/**
 * Live apps (AppAdmin, spec §4.1) of a workspace the caller reaches: a
 * workspace key its own or a child, a member (any role) a workspace of an
 * active membership; otherwise 404 `workspace_not_found`.
 */
export async function listWorkspaceApps({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { idOrSlug: string };
}): Promise<Record<string, unknown>[]> {
  const ws = await reachableWorkspace(ctx, input.idOrSlug, undefined, "read");
  return listApps({ ctx, input: { workspaceId: ws.id } });
}
