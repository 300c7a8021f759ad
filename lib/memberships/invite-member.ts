import { getDb } from "@/db/client";
import { memberships } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { getDashboardApp } from "@/lib/dashboard/dashboard-app";
import { ensureMemberAppUser } from "@/lib/dashboard/member-app-user";
import { findOrCreateMember } from "@/lib/dashboard/members";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { parseEmail } from "@/lib/identifiers/parse-identifier";
import { lockManagedWorkspace } from "@/lib/memberships/manage";
import type { InviteMemberInput, MembershipObject } from "@/lib/memberships/schemas";
import { sendWorkspaceInviteEmail } from "@/lib/memberships/send-workspace-invite-email";
import { toMembership } from "@/lib/memberships/serialize";

/**
 * Invite someone to a workspace (spec §3.9): owners, admins and the
 * workspace's key may. The member is created if no member has the email, the
 * membership starts `invited`, the member gets a dashboard app user (sign-up
 * is closed there) and the invitation email is queued — all in one
 * transaction. The invitation becomes active when the invitee signs in to the
 * dashboard. Someone already in the workspace (invited or active) → 409
 * `already_member`.
 */
export async function inviteMember({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { workspaceId: string; invite: InviteMemberInput };
}): Promise<MembershipObject> {
  const email = parseEmail(input.invite.email);
  if (!email) throw new AppError("invalid_email");
  const dashboardApp = await getDashboardApp();
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { ws } = await lockManagedWorkspace(tx, ctx, input.workspaceId);
    const member = await findOrCreateMember(tx, ctx, { email: email.normalized, name: input.invite.name ?? null, workspaceId: ws.id });
    const [membership] = await tx
      .insert(memberships)
      .values({ workspaceId: ws.id, memberId: member.id, role: input.invite.role, status: "invited", createdAt: ctx.now, updatedAt: ctx.now })
      .onConflictDoNothing()
      .returning();
    if (!membership) throw new AppError("already_member");
    await ensureMemberAppUser(tx, ctx, dashboardApp, member.email);
    await sendWorkspaceInviteEmail(tx, ctx, { dashboardApp, to: member.email, workspaceName: ws.name, role: input.invite.role });
    await recordEvent(tx, ctx, {
      workspaceId: ws.id,
      slug: "membership.invited",
      params: { membership_id: membership.id, member_id: member.id, role: membership.role },
    });
    return toMembership(membership, member);
  });
}
