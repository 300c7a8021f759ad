import type { Executor } from "@/db/client";
import type { Ctx } from "@/lib/context";
import { type WorkspaceRow, workspaceForActor } from "@/lib/tenancy";

/**
 * The workspace named by a path value (uuid or slug) if the caller's key
 * reaches it (lib/tenancy.ts), else 404 `workspace_not_found`. Values that
 * can be neither are never looked up (findWorkspaceByRef).
 */
export async function reachableWorkspace(ctx: Ctx, idOrSlug: string, db?: Executor): Promise<WorkspaceRow> {
  return workspaceForActor(ctx, idOrSlug, db);
}
