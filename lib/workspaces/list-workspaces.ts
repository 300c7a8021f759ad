import { and, asc, desc, eq, isNull, or } from "drizzle-orm";
import { getDb } from "@/db/client";
import { memberships, workspaces } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import type { WorkspaceObject } from "@/lib/workspaces/schemas";
import { toWorkspace } from "@/lib/workspaces/serialize";
import { workspaceKeyActor } from "@/lib/workspaces/workspace-key-actor";

/** Upper bound of one listing; the contract defines no pagination for §3.3. */
const MAX_WORKSPACES = 1000;

/**
 * The workspaces the caller reaches (spec §3.3). A member: the live
 * workspaces of their active memberships, with their `membership`, oldest
 * membership first (never a workspace they were only invited to, nor the
 * internal dashboard workspace unless they belong to it). A workspace key: its
 * own, then its live children (oldest first), never the parent or siblings of
 * a child key (threats T20).
 */
export async function listWorkspaces({ ctx }: { ctx: Ctx }): Promise<WorkspaceObject[]> {
  const db = await getDb();
  if (ctx.actor.type === "member") {
    const rows = await db
      .select({ ws: workspaces, membership: memberships })
      .from(memberships)
      .innerJoin(workspaces, and(eq(workspaces.id, memberships.workspaceId), isNull(workspaces.deletedAt)))
      // memberships_member_idx
      .where(and(eq(memberships.memberId, ctx.actor.memberId), eq(memberships.status, "active")))
      .orderBy(asc(memberships.createdAt), asc(memberships.id))
      .limit(MAX_WORKSPACES);
    return rows.map((r) => toWorkspace(r.ws, r.membership));
  }
  const actor = workspaceKeyActor(ctx);
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
  return rows.map((w) => toWorkspace(w));
}
