import { getDb } from "@/db/client";
import { memberships } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { memberActorOf } from "@/lib/dashboard/member-tenancy";
import { recordEvent } from "@/lib/events/record-event";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import type { CreateWorkspaceBodyInput, WorkspaceObject } from "@/lib/workspaces/schemas";
import { toWorkspace } from "@/lib/workspaces/serialize";

/**
 * POST /v1/workspaces with a dashboard credential (spec §3.4): create a
 * top-level workspace whose owner is the calling member, in one transaction
 * (workspace, owner membership, events). No API key is made: the owner can
 * create one from the workspace.
 */
export async function createMemberWorkspace({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: CreateWorkspaceBodyInput;
}): Promise<{ workspace: WorkspaceObject }> {
  const actor = memberActorOf(ctx);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const ws = await createWorkspace({ ctx, input: { name: input.name, slug: input.slug, logoUrl: input.logo_url ?? null } }, tx);
    const [membership] = await tx
      .insert(memberships)
      .values({ workspaceId: ws.id, memberId: actor.memberId, role: "owner", status: "active", createdAt: ctx.now, updatedAt: ctx.now })
      .returning();
    if (!membership) throw new Error("membership insert returned nothing");
    await recordEvent(tx, ctx, {
      workspaceId: ws.id,
      slug: "membership.created",
      params: { membership_id: membership.id, member_id: actor.memberId, role: "owner" },
    });
    return { workspace: toWorkspace(ws, membership) };
  });
}
