import { and, eq, isNull, ne } from "drizzle-orm";
import { getDb } from "@/db/client";
import { isUniqueViolation } from "@/db/errors";
import { workspaces } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import type { WorkspaceRow } from "@/lib/tenancy";
import { reachableWorkspaceWithMembership } from "@/lib/workspaces/reachable-workspace";
import type { UpdateWorkspaceInput, WorkspaceObject } from "@/lib/workspaces/schemas";
import { toWorkspace } from "@/lib/workspaces/serialize";

type WorkspaceUpdate = Partial<typeof workspaces.$inferInsert>;

/** JSON with object keys sorted, so jsonb's key reordering does not count as a change. */
function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

/** The columns to write and the contract names of the fields that actually change. */
function diff(ws: WorkspaceRow, c: UpdateWorkspaceInput): { set: WorkspaceUpdate; fields: string[] } {
  const set: WorkspaceUpdate = {};
  const fields: string[] = [];
  if (c.name !== undefined && c.name !== ws.name) {
    set.name = c.name;
    fields.push("name");
  }
  if (c.slug !== undefined && c.slug !== ws.slug) {
    set.slug = c.slug;
    fields.push("slug");
  }
  if (c.logo_url !== undefined && c.logo_url !== ws.logoUrl) {
    set.logoUrl = c.logo_url;
    fields.push("logo_url");
  }
  // `settings` replaces the stored object as a whole (no deep merge).
  if (c.settings !== undefined && canonicalJson(c.settings) !== canonicalJson(ws.settings)) {
    set.settings = c.settings;
    fields.push("settings");
  }
  if (c.public_signup !== undefined && c.public_signup !== ws.publicSignup) {
    set.publicSignup = c.public_signup;
    fields.push("public_signup");
  }
  if (c.user_info_requirement !== undefined && c.user_info_requirement !== ws.userInfoRequirement) {
    set.userInfoRequirement = c.user_info_requirement;
    fields.push("user_info_requirement");
  }
  return { set, fields };
}

/**
 * Update a workspace the caller reaches (a workspace key: own or child; a
 * member: owner or admin of it, 403 for a plain member; else 404) and
 * record `workspace.updated` with the changed field names, in one transaction.
 * A request that changes nothing writes nothing. A duplicate slug is 409
 * `slug_taken`: checked first so the transaction is not aborted in the common
 * case, with the unique index as the backstop when two requests race.
 */
export async function updateWorkspace({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { idOrSlug: string; changes: UpdateWorkspaceInput };
}): Promise<WorkspaceObject> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { ws, membership } = await reachableWorkspaceWithMembership(ctx, input.idOrSlug, "manage", tx);
    const { set, fields } = diff(ws, input.changes);
    if (fields.length === 0) return toWorkspace(ws, membership);

    if (set.slug !== undefined) {
      const [taken] = await tx
        .select({ id: workspaces.id })
        .from(workspaces)
        .where(and(eq(workspaces.slug, set.slug), ne(workspaces.id, ws.id)))
        .limit(1);
      if (taken) throw new AppError("slug_taken");
    }

    let updated: WorkspaceRow | undefined;
    try {
      [updated] = await tx
        .update(workspaces)
        .set({ ...set, updatedAt: ctx.now })
        .where(and(eq(workspaces.id, ws.id), isNull(workspaces.deletedAt)))
        .returning();
    } catch (error) {
      // Lost a race for the slug: the transaction is aborted; throwing rolls it back.
      if (isUniqueViolation(error, "workspaces_slug_key")) throw new AppError("slug_taken");
      throw error;
    }
    if (!updated) throw new AppError("workspace_not_found");

    await recordEvent(tx, ctx, { workspaceId: ws.id, slug: "workspace.updated", params: { fields } });
    return toWorkspace(updated, membership);
  });
}
