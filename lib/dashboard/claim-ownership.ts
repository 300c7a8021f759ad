import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { memberships, workspaces } from "@/db/schema";
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import type { Ctx } from "@/lib/context";
import { getDashboardApp } from "@/lib/dashboard/dashboard-app";
import { ensureMemberAppUser } from "@/lib/dashboard/member-app-user";
import { defaultWorkspaceId, findOrCreateMember, ownerExists } from "@/lib/dashboard/members";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { parseEmail } from "@/lib/identifiers/parse-identifier";

export interface ClaimOwnershipInput {
  /** A live workspace key (`scwor_…`) of the default workspace: the bootstrap key or one made with it. */
  apiKey: string;
  email: string;
  name?: string;
}

/**
 * First start without TESSERA_ADMIN_EMAIL: whoever holds a live workspace key
 * of the default workspace names the owner's email. Creates the member, their
 * active owner membership of the default workspace and their dashboard app
 * user, so they can then sign in. Refused once any owner exists (409
 * `owner_exists`), or when an admin email is configured (that rule wins, 409).
 * The key is checked hash-then-index (authenticateApiKey): 401 for an unknown
 * or revoked key, 403 for a key of another workspace or an app key.
 */
export async function claimOwnershipWithBootstrapKey({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: ClaimOwnershipInput;
}): Promise<{ memberId: string; membershipId: string; workspaceId: string }> {
  const email = parseEmail(input.email);
  if (!email) throw new AppError("invalid_email");
  if (getEnv().adminEmail) {
    throw new AppError({ code: "owner_exists", message: "The owner is set by TESSERA_ADMIN_EMAIL on this instance" });
  }
  const actor = await authenticateApiKey(input.apiKey, ctx.now);
  const db = await getDb();
  const workspaceId = await defaultWorkspaceId(db);
  if (!workspaceId) throw new AppError({ code: "conflict", message: "This instance has not been bootstrapped" });
  if (actor.keyKind !== "workspace" || actor.workspaceId !== workspaceId) {
    throw new AppError({ code: "forbidden", message: "Only a workspace key of the default workspace may name the owner" });
  }
  const app = await getDashboardApp();
  const keyCtx: Ctx = { ...ctx, actor };
  return db.transaction(async (tx) => {
    // Serialise concurrent claims on the default workspace row, so exactly one names the owner.
    await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, workspaceId)).for("update");
    if (await ownerExists(tx)) throw new AppError("owner_exists");
    const member = await findOrCreateMember(tx, keyCtx, { email: email.normalized, name: input.name ?? null, workspaceId });
    const [membership] = await tx
      .insert(memberships)
      .values({ workspaceId, memberId: member.id, role: "owner", status: "active", createdAt: ctx.now, updatedAt: ctx.now })
      .onConflictDoUpdate({
        target: [memberships.workspaceId, memberships.memberId],
        set: { role: "owner", status: "active", updatedAt: ctx.now },
      })
      .returning();
    if (!membership) throw new Error("membership upsert returned nothing");
    await ensureMemberAppUser(tx, keyCtx, app, email.normalized);
    await recordEvent(tx, keyCtx, {
      workspaceId,
      slug: "membership.owner_claimed",
      params: { membership_id: membership.id, member_id: member.id, via: "bootstrap_key" },
    });
    return { memberId: member.id, membershipId: membership.id, workspaceId };
  });
}
