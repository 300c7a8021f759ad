import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { members, memberships } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import type { MembershipObject } from "@/lib/memberships/schemas";
import { toMembership } from "@/lib/memberships/serialize";
import { workspaceForActor } from "@/lib/tenancy";

/** Upper bound of one listing; the contract defines no pagination for §3.8. */
const MAX_MEMBERSHIPS = 1000;

/**
 * Memberships of a workspace (spec §3.8), active and invited, oldest first.
 * Any member of the workspace may read them, as may a workspace key that
 * reaches it; anyone else gets 404 `workspace_not_found`.
 */
export async function listMemberships({ ctx, input }: { ctx: Ctx; input: { workspaceId: string } }): Promise<MembershipObject[]> {
  const db = await getDb();
  const ws = await workspaceForActor(ctx, input.workspaceId, db, "read");
  const rows = await db
    .select({ membership: memberships, member: members })
    .from(memberships)
    .innerJoin(members, eq(members.id, memberships.memberId))
    // memberships_workspace_member_key (leading workspace_id)
    .where(eq(memberships.workspaceId, ws.id))
    .orderBy(asc(memberships.createdAt), asc(memberships.id))
    .limit(MAX_MEMBERSHIPS);
  return rows.map((r) => toMembership(r.membership, r.member));
}
