/**
 * Tenancy of the child-workspace routes (spec §3.12, threats T20). The path's
 * workspace must be the calling workspace key's own, top-level workspace:
 * lib/tenancy answers 404 for anything the key does not reach, and a child
 * workspace (reached by its parent's key, or by its own key) cannot have
 * children of its own (403). A child id is then looked up only among that
 * parent's live children, so a sibling's or stranger's id is a plain 404.
 */
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { apps, workspaces } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import { type WorkspaceRow, workspaceForActor } from "@/lib/tenancy";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/event-types";

/** The `verification.*` family a child's webhook endpoint subscribes to. */
export const VERIFICATION_EVENT_TYPES: readonly string[] = WEBHOOK_EVENT_TYPES.map((e) => e.name).filter((n) =>
  n.startsWith("verification."),
);

/** Marks the endpoint provisioned from `webhook_url`, so PATCH can move it. */
export const PROVISIONED_WEBHOOK_METADATA = { provisioned_by: "child_workspace" } as const;

/** The parent workspace named by the path, if the caller's workspace key owns it. */
export async function parentWorkspaceFor(ctx: Ctx, ref: string, db?: Executor): Promise<WorkspaceRow> {
  const ws = await workspaceForActor(ctx, ref, db);
  if (ws.parentWorkspaceId !== null) {
    throw new AppError({ code: "forbidden", message: "A child workspace cannot have child workspaces" });
  }
  return ws;
}

/** A live child of `parentId`, else 404 `child_workspace_not_found`. `lock` takes a row lock (writes). */
export async function findChild(db: Executor, parentId: string, childId: string, lock = false): Promise<WorkspaceRow> {
  if (!isUuid(childId)) throw new AppError("child_workspace_not_found");
  const query = db
    .select()
    .from(workspaces)
    .where(and(eq(workspaces.id, childId), eq(workspaces.parentWorkspaceId, parentId), isNull(workspaces.deletedAt)))
    .limit(1);
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw new AppError("child_workspace_not_found");
  return row;
}

/** The child's verify-only app: its oldest live app (provisioned with it), or null. */
export async function provisionedApp(db: Executor, childId: string): Promise<AppRow | null> {
  // apps_workspace_idx (live apps of a workspace, oldest first).
  const [app] = await db
    .select()
    .from(apps)
    .where(and(eq(apps.workspaceId, childId), isNull(apps.deletedAt)))
    .orderBy(asc(apps.createdAt), asc(apps.id))
    .limit(1);
  return app ?? null;
}
