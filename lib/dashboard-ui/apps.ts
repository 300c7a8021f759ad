/**
 * Apps as the dashboard reads and changes them. Each function checks the
 * member's membership (and role, for changes) of the app's workspace, then
 * calls the same domain verb as the /v1 routes with the member's ctx — the
 * verbs re-check reach through lib/tenancy, so this layer can only narrow.
 */
import { type AppRow, findLiveApp } from "@/lib/apps/find-app";
import { createApp } from "@/lib/apps/create-app";
import { deleteApp } from "@/lib/apps/delete-app";
import { listApps } from "@/lib/apps/list-apps";
import type { AppSettingsInput, CreateAppInput } from "@/lib/apps/schemas";
import { updateApp } from "@/lib/apps/update-app";
import type { Ctx } from "@/lib/context";
import type { Membership, SignedInMember } from "@/lib/dashboard-auth/current-member";
import { appScopedCtx, membershipOf } from "@/lib/dashboard-ui/workspace";
import { AppError } from "@/lib/errors";

export interface AppSummary {
  id: string;
  name: string;
  origin: string;
  createdAt: string;
}

function summary(app: Record<string, unknown>): AppSummary {
  return {
    id: String(app.id),
    name: String(app.name),
    origin: String(app.origin),
    createdAt: String(app.created_at),
  };
}

/** Live apps of a workspace the member belongs to, oldest first. */
export async function workspaceApps(ctx: Ctx, signedIn: SignedInMember, workspaceId: string): Promise<AppSummary[]> {
  membershipOf(signedIn, workspaceId, "read");
  return (await listApps({ ctx, input: { workspaceId } })).map(summary);
}

/** An app in one of the member's workspaces, with that membership; 404 for anything else (never 403: no probing). */
export async function memberApp(signedIn: SignedInMember, appId: string): Promise<{ app: AppRow; membership: Membership }> {
  const app = await findLiveApp(appId);
  if (!app) throw new AppError("app_not_found");
  const membership = signedIn.memberships.find((m) => m.workspaceId === app.workspaceId);
  if (!membership) throw new AppError("app_not_found");
  return { app, membership };
}

export async function createMemberApp(
  ctx: Ctx,
  signedIn: SignedInMember,
  input: { workspaceId: string; settings: Omit<CreateAppInput, "workspace_id"> },
): Promise<AppRow> {
  membershipOf(signedIn, input.workspaceId, "manage");
  return (await createApp({ ctx, input })).app;
}

export async function updateMemberApp(ctx: Ctx, signedIn: SignedInMember, appId: string, settings: AppSettingsInput): Promise<void> {
  const { app } = await memberApp(signedIn, appId);
  membershipOf(signedIn, app.workspaceId, "manage");
  await updateApp({ ctx: appScopedCtx(ctx, app), input: { appId: app.id, settings } });
}

export async function deleteMemberApp(ctx: Ctx, signedIn: SignedInMember, appId: string): Promise<void> {
  const { app } = await memberApp(signedIn, appId);
  membershipOf(signedIn, app.workspaceId, "manage");
  await deleteApp({ ctx: appScopedCtx(ctx, app), input: { appId: app.id } });
}
