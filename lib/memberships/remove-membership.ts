import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { memberships, notifications } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { assertMayTouchOwner, findMembership, lockManagedWorkspace, otherActiveOwners } from "@/lib/memberships/manage";

/**
 * Remove a membership or withdraw an invitation (spec §3.11). Owners, admins
 * and the workspace's key may; only owners (or the key) remove an owner. An
 * owner cannot remove themselves (422 `cannot_remove_self`), and the last
 * active owner cannot be removed (422 `last_owner`). The member's
 * notifications of this workspace go with it; their next dashboard request no
 * longer reaches the workspace.
 */
export async function removeMembership({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { workspaceId: string; membershipId: string };
}): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const manager = await lockManagedWorkspace(tx, ctx, input.workspaceId);
    const { membership } = await findMembership(tx, manager.ws.id, input.membershipId);
    if (membership.role === "owner") {
      if (membership.memberId === manager.memberId) throw new AppError("cannot_remove_self");
      assertMayTouchOwner(manager, "remove an owner");
      if (membership.status === "active" && (await otherActiveOwners(tx, manager.ws.id, membership.id)) === 0) {
        throw new AppError("last_owner");
      }
    }
    await tx.delete(memberships).where(and(eq(memberships.id, membership.id), eq(memberships.workspaceId, manager.ws.id)));
    await tx
      .delete(notifications)
      .where(and(eq(notifications.workspaceId, manager.ws.id), eq(notifications.memberId, membership.memberId)));
    await recordEvent(tx, ctx, {
      workspaceId: manager.ws.id,
      slug: "membership.removed",
      params: { membership_id: membership.id, member_id: membership.memberId, role: membership.role, status: membership.status },
    });
  });
}
