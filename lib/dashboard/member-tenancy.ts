/**
 * Tenancy for member actors (dashboard credential): a member reaches exactly
 * the workspaces where they hold an *active* membership — not their children,
 * not the internal dashboard workspace unless they belong to it. Anything
 * else answers 404, like a workspace that does not exist. Within reach,
 * owners and admins manage (members, keys, settings); plain members read.
 */
import { and, eq } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { memberships } from "@/db/schema";
import type { Ctx, MemberActor } from "@/lib/context";
import { AppError } from "@/lib/errors";

export type WorkspaceAccess = "read" | "manage";
export type MembershipRow = typeof memberships.$inferSelect;

/** The member's active membership in the workspace, or null. */
export async function activeMembership(memberId: string, workspaceId: string, db?: Executor): Promise<MembershipRow | null> {
  const exec = db ?? (await getDb());
  const [row] = await exec
    .select()
    .from(memberships)
    // memberships_workspace_member_key
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.memberId, memberId), eq(memberships.status, "active")))
    .limit(1);
  return row ?? null;
}

export function canManage(role: MembershipRow["role"]): boolean {
  return role === "owner" || role === "admin";
}

/**
 * The member's active membership in `workspaceId` if it grants `access`:
 * 404 `workspace_not_found` without one, 403 `forbidden` when a plain member
 * asks to manage.
 */
export async function memberWorkspaceAccess(
  actor: MemberActor,
  workspaceId: string,
  access: WorkspaceAccess,
  db?: Executor,
): Promise<MembershipRow> {
  const membership = await activeMembership(actor.memberId, workspaceId, db);
  if (!membership) throw new AppError("workspace_not_found");
  if (access === "manage" && !canManage(membership.role)) {
    throw new AppError({ code: "forbidden", message: "Only the workspace's owners and admins may do this" });
  }
  return membership;
}

/** The calling member, or 401 (verbs reachable only with the dashboard credential). */
export function memberActorOf(ctx: Ctx): MemberActor {
  if (ctx.actor.type !== "member") throw new AppError("unauthorized");
  return ctx.actor;
}
