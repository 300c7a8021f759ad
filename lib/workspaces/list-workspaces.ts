import { and, asc, desc, eq, isNull, or } from "drizzle-orm";
import { getDb } from "@/db/client";
import { workspaces } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import type { WorkspaceObject } from "@/lib/workspaces/schemas";
import { toWorkspace } from "@/lib/workspaces/serialize";
import { workspaceKeyActor } from "@/lib/workspaces/workspace-key-actor";

/** Upper bound of one listing; the contract defines no pagination for §3.3. */
const MAX_WORKSPACES = 1000;

/**
 * The workspaces a workspace key reaches: its own, then its live children
 * (oldest first). Never the parent or siblings of a child key (threats T20).
 */
export async function listWorkspaces({ ctx }: { ctx: Ctx }): Promise<WorkspaceObject[]> {
  const actor = workspaceKeyActor(ctx);
  const db = await getDb();
  const rows = await db
    .select()
    .from(workspaces)
    .where(
      and(
        or(eq(workspaces.id, actor.workspaceId), eq(workspaces.parentWorkspaceId, actor.workspaceId)),
        isNull(workspaces.deletedAt),
      ),
    )
    // Own workspace first, then children; served by the pkey and workspaces_parent_idx.
    .orderBy(desc(eq(workspaces.id, actor.workspaceId)), asc(workspaces.createdAt), asc(workspaces.id))
    .limit(MAX_WORKSPACES);
  return rows.map(toWorkspace);
}
