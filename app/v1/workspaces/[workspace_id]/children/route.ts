/**
 * GET/POST /v1/workspaces/{workspace_id}/children (spec §3.12.1, §3.12.2).
 *
 * Credential: the parent's workspace key (401 `workspace_api_key_required`
 * without one; 403 `forbidden` for an app key). The path must name the key's
 * own workspace: every other one answers 404 `workspace_not_found`, and a child
 * workspace cannot have children (403) (threats T20).
 */
import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { createChildWorkspace } from "@/lib/child-workspaces/create-child-workspace";
import { listChildWorkspaces } from "@/lib/child-workspaces/list-child-workspaces";
import {
  ChildListResponse,
  ChildrenParams,
  CreateChildBody,
  CreateChildResponse,
} from "@/lib/child-workspaces/schemas";

export const GET = apiRoute(
  {
    auth: "workspaceSecret",
    summary: "List child workspaces",
    description: "Live children of the key's workspace, oldest first.",
    tags: ["Workspaces"],
    params: ChildrenParams,
    response: ChildListResponse,
  },
  async ({ ctx, params }) => listChildWorkspaces({ ctx, input: { parentRef: params.workspace_id } }),
);

export const POST = apiRoute(
  {
    auth: "workspaceSecret",
    summary: "Create a child workspace",
    description:
      "Creates the child and provisions a verify-only app, an app API key (`api_key_token`, shown here and in the " +
      "child GET) and, with `webhook_url`, a webhook endpoint for every `verification.*` event.",
    tags: ["Workspaces"],
    params: ChildrenParams,
    body: CreateChildBody,
    response: CreateChildResponse,
  },
  async ({ ctx, params, body }) => createChildWorkspace({ ctx, input: { parentRef: params.workspace_id, body } }),
);

export const OPTIONS = preflight;
