/**
 * Tenant resolution: which app or workspace a credential may reach. The
 * credential's own tenancy is authoritative; path ids only select within it.
 * - An app key reaches its own app only; any other app id answers 403
 *   `api_key_not_authorized` (spec §1.3), whether or not that app exists.
 * - A workspace key reaches its workspace and that workspace's children;
 *   anything else answers 404, exactly like an id that does not exist.
 * - A member (dashboard credential) reaches the workspaces of their active
 *   memberships, nothing else (lib/dashboard/member-tenancy.ts); apps only
 *   through workspace routes.
 */
import { and, eq, isNull } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { workspaces } from "@/db/schema";
import { type AppRow, findLiveApp } from "@/lib/apps/find-app";
import type { ApiKeyActor, Ctx } from "@/lib/context";
import { memberWorkspaceAccess, type WorkspaceAccess } from "@/lib/dashboard/member-tenancy";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";

export type WorkspaceRow = typeof workspaces.$inferSelect;

function apiKeyActor(ctx: Ctx): ApiKeyActor {
  if (ctx.actor.type !== "apiKey") throw new AppError("unauthorized");
  return ctx.actor;
}

/** A live workspace by id; null if missing or deleted. */
export async function findLiveWorkspace(id: string, db?: Executor): Promise<WorkspaceRow | null> {
  if (!isUuid(id)) return null;
  const exec = db ?? (await getDb());
  const [row] = await exec
    .select()
    .from(workspaces)
    .where(and(eq(workspaces.id, id), isNull(workspaces.deletedAt)))
    .limit(1);
  return row ?? null;
}

/** Whether a workspace key of `keyWorkspaceId` may act on `ws` (itself or a child). */
export function workspaceKeyReaches(keyWorkspaceId: string, ws: Pick<WorkspaceRow, "id" | "parentWorkspaceId">): boolean {
  return ws.id === keyWorkspaceId || ws.parentWorkspaceId === keyWorkspaceId;
}

/** The app named by `appIdParam`, if the caller may manage it; else 403/404 as above. */
export async function appForActor(ctx: Ctx, appIdParam: string, db?: Executor): Promise<AppRow> {
  const actor = apiKeyActor(ctx);
  const app = await findLiveApp(appIdParam, db);
  if (actor.keyKind === "app") {
    if (!app || app.id !== actor.appId) throw new AppError("api_key_not_authorized");
    return app;
  }
  if (!app) throw new AppError("app_not_found");
  if (app.workspaceId === actor.workspaceId) return app;
  const ws = await findLiveWorkspace(app.workspaceId, db);
  if (!ws || !workspaceKeyReaches(actor.workspaceId, ws)) throw new AppError("app_not_found");
  return app;
}

/**
 * A live workspace by uuid, else by slug (a uuid match wins: old data may hold
 * a uuid-shaped slug). Values that can be neither are not looked up.
 */
export async function findWorkspaceByRef(ref: string, db?: Executor): Promise<WorkspaceRow | null> {
  const exec = db ?? (await getDb());
  if (isUuid(ref)) {
    const byId = await findLiveWorkspace(ref, exec);
    if (byId) return byId;
  }
  if (!/^[A-Za-z0-9-]{1,64}$/.test(ref)) return null;
  const [ws] = await exec
    .select()
    .from(workspaces)
    .where(and(eq(workspaces.slug, ref.toLowerCase()), isNull(workspaces.deletedAt)))
    .limit(1);
  return ws ?? null;
}

/**
 * The workspace named by id or slug, if the caller reaches it; else 404.
 * A workspace key reaches its own workspace and children. A member (dashboard
 * credential) reaches workspaces of their active memberships only, and needs
 * role owner/admin for `manage` (403 otherwise; lib/dashboard/member-tenancy).
 * The default is `manage`, so callers that do not say (API keys routes) never
 * give a plain member more than the roles allow.
 */
export async function workspaceForActor(
  ctx: Ctx,
  idOrSlug: string,
  db?: Executor,
  access: WorkspaceAccess = "manage",
): Promise<WorkspaceRow> {
  if (ctx.actor.type === "member") {
    const ws = await findWorkspaceByRef(idOrSlug, db);
    if (!ws) throw new AppError("workspace_not_found");
    await memberWorkspaceAccess(ctx.actor, ws.id, access, db);
    return ws;
  }
  const actor = apiKeyActor(ctx);
  if (actor.keyKind !== "workspace") {
    throw new AppError({ code: "forbidden", message: "This route needs a workspace API key (scwor_…), not an app key" });
  }
  const ws = await findWorkspaceByRef(idOrSlug, db);
  if (!ws || !workspaceKeyReaches(actor.workspaceId, ws)) throw new AppError("workspace_not_found");
  return ws;
}

/**
 * The workspace a request acts on when none is in the path (GET/POST /v1/apps):
 * an explicit selector (id or slug) may only narrow — to the key's own
 * workspace, or for a workspace key one of its children; naming any other
 * workspace is 403 `workspace_mismatch` (T20).
 */
export async function selectedWorkspace(ctx: Ctx, selector: string | undefined, db?: Executor): Promise<string> {
  const actor = apiKeyActor(ctx);
  if (!selector || selector === actor.workspaceId) return actor.workspaceId;
  const ws = await findWorkspaceByRef(selector, db);
  if (ws && (ws.id === actor.workspaceId || (actor.keyKind === "workspace" && workspaceKeyReaches(actor.workspaceId, ws)))) {
    return ws.id;
  }
  throw new AppError("workspace_mismatch");
}
