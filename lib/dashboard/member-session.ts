/**
 * From a dashboard access token to a workspace member (spec §1.3 "dashboard"
 * credential). The token must be a live session of the dashboard app; its
 * user's email names the member. Two first-sign-in rules apply here:
 * - first owner: on a fresh instance (no active owner anywhere) the admin
 *   email (TESSERA_ADMIN_EMAIL) becomes owner of the default workspace;
 * - invitations: memberships still `invited` for the member become active.
 * A member with no active membership left is refused (403), so a removed
 * member's next request fails even while their dashboard session lives on.
 */
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { members, memberships, workspaces } from "@/db/schema";
import { type Ctx, systemCtx } from "@/lib/context";
import { getDashboardApp } from "@/lib/dashboard/dashboard-app";
import { defaultWorkspaceId, findOrCreateMember, type MemberRow, ownerExists } from "@/lib/dashboard/members";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { type AccessPrincipal, authenticateAccessToken } from "@/lib/sessions/authenticate-session";

export type MemberRole = "owner" | "admin" | "member";

export interface MemberMembership {
  workspaceId: string;
  workspaceName: string;
  workspaceSlug: string;
  role: MemberRole;
}

export interface MemberSession {
  member: { id: string; email: string; name: string | null };
  memberships: MemberMembership[];
}

/** Every membership of `memberId` in a live workspace, active and invited, oldest first. */
async function membershipRows(exec: Executor, memberId: string) {
  return exec
    .select({
      id: memberships.id,
      workspaceId: memberships.workspaceId,
      workspaceName: workspaces.name,
      workspaceSlug: workspaces.slug,
      role: memberships.role,
      status: memberships.status,
    })
    .from(memberships)
    .innerJoin(workspaces, and(eq(workspaces.id, memberships.workspaceId), isNull(workspaces.deletedAt)))
    // memberships_member_idx
    .where(eq(memberships.memberId, memberId))
    .orderBy(asc(memberships.createdAt), asc(memberships.id));
}

async function findMemberByEmail(exec: Executor, email: string): Promise<MemberRow | null> {
  const [row] = await exec
    .select()
    .from(members)
    // members_email_key (on lower(email))
    .where(sql`lower(${members.email}) = ${email}`)
    .limit(1);
  return row ?? null;
}

/**
 * The slow path, in one transaction: apply the first-owner rule and accept
 * pending invitations. The owner check and the owner insert race benignly:
 * only the admin email can take this path, and the (workspace, member)
 * unique index keeps it to one membership.
 */
async function firstSignIn(base: Ctx, sessionId: string, email: string): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    let member = await findMemberByEmail(tx, email);
    if (email === getEnv().adminEmail && !(await ownerExists(tx))) {
      const workspaceId = await defaultWorkspaceId(tx);
      if (workspaceId) {
        member ??= await findOrCreateMember(tx, base, { email, name: null });
        const [owner] = await tx
          .insert(memberships)
          .values({ workspaceId, memberId: member.id, role: "owner", status: "active", createdAt: base.now, updatedAt: base.now })
          .onConflictDoUpdate({
            target: [memberships.workspaceId, memberships.memberId],
            set: { role: "owner", status: "active", updatedAt: base.now },
          })
          .returning();
        if (owner) {
          await recordEvent(tx, { ...base, actor: { type: "member", memberId: member.id, sessionId } }, {
            workspaceId,
            slug: "membership.owner_claimed",
            params: { membership_id: owner.id, member_id: member.id, via: "admin_email" },
          });
        }
      }
    }
    if (!member) return;
    const ctx: Ctx = { ...base, actor: { type: "member", memberId: member.id, sessionId } };
    const accepted = await tx
      .update(memberships)
      .set({ status: "active", updatedAt: ctx.now })
      .where(and(eq(memberships.memberId, member.id), eq(memberships.status, "invited")))
      .returning();
    for (const m of accepted) {
      await recordEvent(tx, ctx, {
        workspaceId: m.workspaceId,
        slug: "membership.accepted",
        params: { membership_id: m.id, member_id: member.id, role: m.role },
      });
    }
  });
}

/** The member behind an authenticated dashboard session, and their active memberships (403 when none). */
export async function memberFromPrincipal(principal: AccessPrincipal, now: Date): Promise<MemberSession> {
  const email = principal.user.email?.toLowerCase();
  if (!email) throw new AppError("workspace_access_denied");
  const db = await getDb();
  let member = await findMemberByEmail(db, email);
  let rows = member ? await membershipRows(db, member.id) : [];
  const mayClaimOwner = email === getEnv().adminEmail && !rows.some((r) => r.role === "owner" && r.status === "active");
  if (rows.some((r) => r.status === "invited") || mayClaimOwner) {
    await firstSignIn({ ...systemCtx("dashboard-sign-in"), now }, principal.session.id, email);
    member = await findMemberByEmail(db, email);
    rows = member ? await membershipRows(db, member.id) : [];
  }
  const active = rows.filter((r) => r.status === "active");
  if (!member || active.length === 0) throw new AppError("workspace_access_denied");
  return {
    member: { id: member.id, email: member.email, name: member.name },
    memberships: active.map((r) => ({
      workspaceId: r.workspaceId,
      workspaceName: r.workspaceName,
      workspaceSlug: r.workspaceSlug,
      role: r.role,
    })),
  };
}

/**
 * Verify a dashboard access JWT as a live session of the dashboard app (401
 * otherwise) and map its user to a member with at least one active
 * membership (403 `workspace_access_denied` otherwise).
 */
export async function memberFromAccessToken(accessJwt: string, now: Date): Promise<MemberSession> {
  const app = await getDashboardApp();
  const principal = await authenticateAccessToken(app.id, accessJwt, { now });
  return memberFromPrincipal(principal, now);
}

/** Like memberFromAccessToken, also returning the dashboard session id (for the member actor). */
export async function memberSessionFromAccessToken(
  accessJwt: string,
  now: Date,
): Promise<MemberSession & { sessionId: string }> {
  const app = await getDashboardApp();
  const principal = await authenticateAccessToken(app.id, accessJwt, { now });
  return { ...(await memberFromPrincipal(principal, now)), sessionId: principal.session.id };
}

/** The bootstrap-key ownership claim (first start without TESSERA_ADMIN_EMAIL) lives beside; re-exported for the setup page. */
export { claimOwnershipWithBootstrapKey } from "@/lib/dashboard/claim-ownership";
