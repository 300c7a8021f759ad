/**
 * GET/PATCH/DELETE /v1/workspaces/{workspace_id}/children/{child_id}
 * (spec §3.12.3–3.12.5). Credential and reach as for the collection route;
 * a child id that is not a live child of the path's workspace answers 404
 * `child_workspace_not_found`.
 */
import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { OkResponse } from "@/lib/apps/schemas";
import { deleteChildWorkspace } from "@/lib/child-workspaces/delete-child-workspace";
import { getChildWorkspace } from "@/lib/child-workspaces/get-child-workspace";
import { ChildDetail, ChildParams, ChildSummary, UpdateChildBody } from "@/lib/child-workspaces/schemas";
import { updateChildWorkspace } from "@/lib/child-workspaces/update-child-workspace";

export const GET = apiRoute(
  {
    auth: "workspaceSecret",
    summary: "Get a child workspace",
    description: "The ChildSummary plus the child app's `api_key_token` and its webhook endpoints with their secrets.",
    tags: ["Workspaces"],
    params: ChildParams,
    response: ChildDetail,
  },
  async ({ ctx, params }) =>
    getChildWorkspace({ ctx, input: { parentRef: params.workspace_id, childId: params.child_id } }),
);

export const PATCH = apiRoute(
  {
    auth: "workspaceSecret",
    summary: "Update a child workspace",
    description: "Any create field. Branding propagates to the child's app (name, colors, logo).",
    tags: ["Workspaces"],
    params: ChildParams,
    body: UpdateChildBody,
    response: ChildSummary,
  },
  async ({ ctx, params, body }) =>
    updateChildWorkspace({ ctx, input: { parentRef: params.workspace_id, childId: params.child_id, body } }),
);

export const DELETE = apiRoute(
  {
    auth: "workspaceSecret",
    summary: "Delete a child workspace",
    description: "Soft-deletes the child and its apps; revokes its API keys and its apps' sessions.",
    tags: ["Workspaces"],
    params: ChildParams,
    response: OkResponse,
  },
  async ({ ctx, params }) => {
    await deleteChildWorkspace({ ctx, input: { parentRef: params.workspace_id, childId: params.child_id } });
    return { message: "ok" };
  },
);

export const OPTIONS = preflight;
