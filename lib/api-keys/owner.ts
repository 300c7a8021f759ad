/**
 * Which keys a request may manage. The path names an app or a workspace;
 * lib/tenancy decides whether the caller reaches it (app key: its own app
 * only, 403 otherwise; workspace key: its workspace tree, 404 otherwise).
 * Every key query then filters by the resolved owner, so a key id from
 * another app or workspace is simply not found.
 */
import { and, eq, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { apiKeys } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import { appForActor, workspaceForActor } from "@/lib/tenancy";

export type ApiKeyOwner = { kind: "app"; workspaceId: string; appId: string } | { kind: "workspace"; workspaceId: string };

/** The path's key container: `{app_id}` for app keys, `{workspace_id}` for workspace keys. */
export type ApiKeyScope = { appId: string } | { workspaceId: string };

export async function resolveApiKeyOwner(ctx: Ctx, scope: ApiKeyScope, db?: Executor): Promise<ApiKeyOwner> {
  if ("appId" in scope) {
    const app = await appForActor(ctx, scope.appId, db);
    return { kind: "app", workspaceId: app.workspaceId, appId: app.id };
  }
  const ws = await workspaceForActor(ctx, scope.workspaceId, db);
  return { kind: "workspace", workspaceId: ws.id };
}

/** WHERE clause: keys of `owner` (app keys of the app, or the workspace's own workspace keys). */
export function ownedBy(owner: ApiKeyOwner): SQL | undefined {
  return owner.kind === "app"
    ? and(eq(apiKeys.kind, "app"), eq(apiKeys.appId, owner.appId))
    : and(eq(apiKeys.kind, "workspace"), eq(apiKeys.workspaceId, owner.workspaceId));
}

/** A key id from the path; anything but a uuid cannot name a key (404, like an unknown id). */
export function keyIdOrNotFound(keyId: string): string {
  if (!isUuid(keyId)) throw new AppError("api_key_not_found");
  return keyId;
}
