/** Shared steps of the membership-changing verbs (invite, change role, remove). */
import { and, count, eq, ne } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { members, memberships, workspaces } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { activeMembership, type MembershipRow } from "@/lib/dashboard/member-tenancy";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import { type WorkspaceRow, workspaceForActor } from "@/lib/tenancy";

export interface Manager {
  ws: WorkspaceRow;
  /** What the caller may do: a workspace key manages its workspace like an owner. */
  role: "owner" | "admin";
  /** The calling member, or null for a workspace key. */
  memberId: string | null;
}

/**
 * The workspace the caller manages (owner/admin member or workspace key; 403
 * for a plain member, 404 out of reach), with its row locked so membership
 * changes in one workspace run one at a time and the last-owner rule holds
 * under concurrent requests.
 */
export async function lockManagedWorkspace(tx: Executor, ctx: Ctx, workspaceRef: string): Promise<Manager> {
  const ws = await workspaceForActor(ctx, workspaceRef, tx, "manage");
  await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, ws.id)).for("update");
  if (ctx.actor.type !== "member") return { ws, role: "owner", memberId: null };
  // Re-read under the lock: the caller's own role may just have changed.
  const mine = await activeMembership(ctx.actor.memberId, ws.id, tx);
  if (!mine || mine.role === "member") {
    throw new AppError({ code: "forbidden", message: "Only the workspace's owners and admins may do this" });
  }
  return { ws, role: mine.role, memberId: ctx.actor.memberId };
}

/** A membership of the workspace with its member; 404 `membership_not_found` otherwise. */
export async function findMembership(
  tx: Executor,
  workspaceId: string,
  membershipId: string,
): Promise<{ membership: MembershipRow; member: typeof members.$inferSelect }> {
  if (!isUuid(membershipId)) throw new AppError("membership_not_found");
  const [row] = await tx
    .select({ membership: memberships, member: members })
    .from(memberships)
    .innerJoin(members, eq(members.id, memberships.memberId))
    .where(and(eq(memberships.id, membershipId), eq(memberships.workspaceId, workspaceId)))
    .limit(1);
  if (!row) throw new AppError("membership_not_found");
  return row;
}

/** How many active owners the workspace has besides membership `exceptId`. */
export async function otherActiveOwners(tx: Executor, workspaceId: string, exceptId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(memberships)
    .where(
      and(
        eq(memberships.workspaceId, workspaceId),
        eq(memberships.role, "owner"),
        eq(memberships.status, "active"),
        ne(memberships.id, exceptId),
      ),
    );
  return row?.n ?? 0;
}

/** Only owners touch an owner's membership or hand out `owner`. */
export function assertMayTouchOwner(manager: Manager, what: string): void {
  if (manager.role !== "owner") throw new AppError({ code: "forbidden", message: `Only owners may ${what}` });
}
