import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { memberships } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { assertMayTouchOwner, findMembership, lockManagedWorkspace, otherActiveOwners } from "@/lib/memberships/manage";
import type { MembershipObject, UpdateMembershipInput } from "@/lib/memberships/schemas";
import { toMembership } from "@/lib/memberships/serialize";

/**
 * Change a membership's role (spec §3.10). Owners, admins and the workspace's
 * key may; only owners (or the key) grant `owner` or change an owner's role.
 * An owner cannot demote themselves (422 `cannot_demote_self`) and the last
 * active owner cannot be demoted (422 `last_owner`). Unchanged role: no write.
 */
export async function updateMembership({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { workspaceId: string; membershipId: string; changes: UpdateMembershipInput };
}): Promise<MembershipObject> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const manager = await lockManagedWorkspace(tx, ctx, input.workspaceId);
    const { membership, member } = await findMembership(tx, manager.ws.id, input.membershipId);
    const role = input.changes.role;
    if (role === membership.role) return toMembership(membership, member);
    if (role === "owner") assertMayTouchOwner(manager, "grant the owner role");
    if (membership.role === "owner") {
      assertMayTouchOwner(manager, "change an owner's role");
      if (membership.memberId === manager.memberId) throw new AppError("cannot_demote_self");
      if (membership.status === "active" && (await otherActiveOwners(tx, manager.ws.id, membership.id)) === 0) {
        throw new AppError("last_owner");
      }
    }
    const [updated] = await tx
      .update(memberships)
      .set({ role, updatedAt: ctx.now })
      .where(and(eq(memberships.id, membership.id), eq(memberships.workspaceId, manager.ws.id)))
      .returning();
    if (!updated) throw new AppError("membership_not_found");
    await recordEvent(tx, ctx, {
      workspaceId: manager.ws.id,
      slug: "membership.updated",
      params: { membership_id: updated.id, member_id: updated.memberId, role: updated.role, previous_role: membership.role },
    });
    return toMembership(updated, member);
  });
}
