import { listApps } from "@/lib/apps/list-apps";
import type { Ctx } from "@/lib/context";
import { reachableWorkspace } from "@/lib/workspaces/reachable-workspace";

/**
 * Live apps (AppAdmin, spec §4.1) of a workspace the caller's workspace key
 * reaches (its own or a child); otherwise 404 `workspace_not_found`.
 */
export async function listWorkspaceApps({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { idOrSlug: string };
}): Promise<Record<string, unknown>[]> {
  const ws = await reachableWorkspace(ctx, input.idOrSlug);
  return listApps({ ctx, input: { workspaceId: ws.id } });
}
