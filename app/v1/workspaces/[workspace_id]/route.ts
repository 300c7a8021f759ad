/**
 * GET/PATCH /v1/workspaces/{workspace_id} (spec §3.5, §3.6).
 *
 * Credential: a member's dashboard token or a workspace API key (401
 * `workspace_api_key_required` without either; 403 `forbidden` for an app
 * key). A key reaches its own workspace and its children; a member the
 * workspaces of their active memberships (any role reads; PATCH needs owner
 * or admin, 403 otherwise). Any other workspace answers 404
 * `workspace_not_found`, the same as one that does not exist (T19, T20). The path value may be
 * the uuid or the slug (the contract names the GET slot `{id_or_slug}`; PATCH
 * accepts both too, as nothing is lost by it).
 */
import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { getWorkspace } from "@/lib/workspaces/get-workspace";
import { UpdateWorkspaceBody, WorkspaceParams, WorkspaceResponse } from "@/lib/workspaces/schemas";
import { updateWorkspace } from "@/lib/workspaces/update-workspace";

export const GET = apiRoute(
  {
    auth: "workspaceSecretOrDashboard",
    summary: "Get a workspace",
    description: "By uuid or slug: a member's workspace (with their membership), or the key's own workspace or one of its children.",
    tags: ["Workspaces"],
    params: WorkspaceParams,
    response: WorkspaceResponse,
  },
  async ({ ctx, params }) => ({ workspace: await getWorkspace({ ctx, input: { idOrSlug: params.workspace_id } }) }),
);

export const PATCH = apiRoute(
  {
    auth: "workspaceSecretOrDashboard",
    summary: "Update a workspace",
    description: "Flat or `{ workspace: {…} }` body; all fields optional. `settings` replaces the stored object.",
    tags: ["Workspaces"],
    params: WorkspaceParams,
    body: UpdateWorkspaceBody,
    response: WorkspaceResponse,
    bodyLimit: 64 * 1024,
  },
  async ({ ctx, params, body }) => ({
    workspace: await updateWorkspace({ ctx, input: { idOrSlug: params.workspace_id, changes: body } }),
  }),
);

export const OPTIONS = preflight;
