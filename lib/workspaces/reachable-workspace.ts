import type { Executor } from "@/db/client";
import type { Ctx } from "@/lib/context";
import { activeMembership, type MembershipRow, type WorkspaceAccess } from "@/lib/dashboard/member-tenancy";
import { type WorkspaceRow, workspaceForActor } from "@/lib/tenancy";

/**
 * The workspace named by a path value (uuid or slug) if the caller reaches it
 * (lib/tenancy.ts) with `access`, else 404 `workspace_not_found` (403 for a
 * plain member asking to manage). Values that can be neither are never looked
 * up (findWorkspaceByRef).
 */
export async function reachableWorkspace(
  ctx: Ctx,
  idOrSlug: string,
  db?: Executor,
  access: WorkspaceAccess = "manage",
): Promise<WorkspaceRow> {
  return workspaceForActor(ctx, idOrSlug, db, access);
}

/** reachableWorkspace plus the calling member's membership (null for API-key callers), for the workspace object. */
export async function reachableWorkspaceWithMembership(
  ctx: Ctx,
  idOrSlug: string,
  access: WorkspaceAccess,
  db?: Executor,
): Promise<{ ws: WorkspaceRow; membership: MembershipRow | null }> {
  const ws = await workspaceForActor(ctx, idOrSlug, db, access);
  const membership = ctx.actor.type === "member" ? await activeMembership(ctx.actor.memberId, ws.id, db) : null;
  return { ws, membership };
}
