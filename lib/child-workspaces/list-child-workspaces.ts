import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apps, workspaces } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import type { ChildSummaryObject } from "@/lib/child-workspaces/schemas";
import { parentWorkspaceFor } from "@/lib/child-workspaces/scope";
import { toChildSummary } from "@/lib/child-workspaces/serialize";
import type { Ctx } from "@/lib/context";

/** The caller's live child workspaces, oldest first (spec §3.12.2). */
export async function listChildWorkspaces({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { parentRef: string };
}): Promise<{ workspace_id: string; children: ChildSummaryObject[] }> {
  const db = await getDb();
  const parent = await parentWorkspaceFor(ctx, input.parentRef, db);
  // workspaces_parent_idx.
  const children = await db
    .select()
    .from(workspaces)
    .where(and(eq(workspaces.parentWorkspaceId, parent.id), isNull(workspaces.deletedAt)))
    .orderBy(asc(workspaces.createdAt), asc(workspaces.id));
  const firstApp = new Map<string, AppRow>();
  if (children.length > 0) {
    // apps_workspace_idx; the first live app of each child is its provisioned app.
    const rows = await db
      .select()
      .from(apps)
      .where(and(inArray(apps.workspaceId, children.map((c) => c.id)), isNull(apps.deletedAt)))
      .orderBy(asc(apps.createdAt), asc(apps.id));
    for (const app of rows) if (!firstApp.has(app.workspaceId)) firstApp.set(app.workspaceId, app);
  }
  return { workspace_id: parent.id, children: children.map((c) => toChildSummary(c, firstApp.get(c.id) ?? null)) };
}
