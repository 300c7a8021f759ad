/**
 * GET /v1/workspaces/{workspace_id}/apps (spec §3.7).
 *
 * Credential: a member's dashboard token (any role of the workspace) or a
 * workspace API key (401 `workspace_api_key_required` without either; 403
 * `forbidden` for an app key). A key reaches its own workspace and its
 * children; a child's key never reaches its parent or siblings, and any
 * workspace out of reach answers 404 `workspace_not_found` (T19, T20).
 */
import { z } from "zod";
import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { AdminApp } from "@/lib/apps/schemas";
import { listWorkspaceApps } from "@/lib/workspaces/list-workspace-apps";
import { WorkspaceParams } from "@/lib/workspaces/schemas";

export const GET = apiRoute(
  {
    auth: "workspaceSecretOrDashboard",
    summary: "List a workspace's apps",
    description: "Live apps of the workspace (uuid or slug) as AppAdmin objects, oldest first.",
    tags: ["Workspaces"],
    params: WorkspaceParams,
    response: z.object({ apps: z.array(AdminApp) }),
  },
  async ({ ctx, params }) => ({ apps: await listWorkspaceApps({ ctx, input: { idOrSlug: params.workspace_id } }) }),
);

export const OPTIONS = preflight;
