/** Member rows and instance facts shared by sign-in, ownership claims and invitations. */
import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { instanceState, members, memberships } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { recordEvent } from "@/lib/events/record-event";

export type MemberRow = typeof members.$inferSelect;

/**
 * The member with `email` (case-insensitive), created when missing. Racing
 * creators meet on members_email_key and re-read. `member.created` is
 * recorded against `workspaceId` when given (events are workspace-scoped).
 */
export async function findOrCreateMember(
  exec: Executor,
  ctx: Ctx,
  input: { email: string; name: string | null; workspaceId?: string },
): Promise<MemberRow & { created?: boolean }> {
  const email = input.email.toLowerCase();
  const [created] = await exec
    .insert(members)
    .values({ email, name: input.name, createdAt: ctx.now, updatedAt: ctx.now })
    .onConflictDoNothing()
    .returning();
  if (created) {
    if (input.workspaceId) {
      await recordEvent(exec, ctx, { workspaceId: input.workspaceId, slug: "member.created", params: { member_id: created.id } });
    }
    return { ...created, created: true };
  }
  const [existing] = await exec
    .select()
    .from(members)
    .where(sql`lower(${members.email}) = ${email}`)
    .limit(1);
  if (!existing) throw new Error("member upsert lost and not found");
  return existing;
}

/** Whether any workspace has an active owner (false on a fresh instance). */
export async function ownerExists(exec: Executor): Promise<boolean> {
  const [row] = await exec
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.role, "owner"), eq(memberships.status, "active")))
    .limit(1);
  return row !== undefined;
}

/** The default workspace made at first start (instance_state `bootstrap`), if any. */
export async function defaultWorkspaceId(exec: Executor): Promise<string | null> {
  const [row] = await exec.select().from(instanceState).where(eq(instanceState.key, "bootstrap")).limit(1);
  const id = row?.value.workspace_id;
  return typeof id === "string" ? id : null;
}
