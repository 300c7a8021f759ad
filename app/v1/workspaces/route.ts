/**
 * GET/POST /v1/workspaces (spec §3.3, §3.4).
 *
 * Credential: a workspace API key (`Authorization: Bearer scwor_…`). Without
 * one: 401 `workspace_api_key_required`; an app key: 403 `forbidden`. The
 * dashboard credential (a member's token) arrives later.
 * - GET lists the key's own workspace and its live children, never a parent
 *   or sibling (threats T20).
 * - POST creates a new top-level workspace. No member exists to become its
 *   owner, so the response carries its first workspace key, shown only here.
 *   Keys of child workspaces get 403.
 */
import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { createWorkspaceWithKey } from "@/lib/workspaces/create-workspace-with-key";
import { listWorkspaces } from "@/lib/workspaces/list-workspaces";
import { CreateWorkspaceBody, CreateWorkspaceResponse, WorkspaceListResponse } from "@/lib/workspaces/schemas";

export const GET = apiRoute(
  {
    auth: "workspaceSecret",
    summary: "List workspaces",
    description: "The workspace of the calling workspace key and its child workspaces.",
    tags: ["Workspaces"],
    response: WorkspaceListResponse,
  },
  async ({ ctx }) => ({ workspaces: await listWorkspaces({ ctx }) }),
);

export const POST = apiRoute(
  {
    auth: "workspaceSecret",
    summary: "Create a workspace",
    description:
      "Creates a top-level workspace and its first workspace API key in one step; the key's token is shown only in this response.",
    tags: ["Workspaces"],
    body: CreateWorkspaceBody,
    response: CreateWorkspaceResponse,
    bodyLimit: 64 * 1024,
    rateLimits: [
      {
        // Creating tenants is rare; a runaway script should not fill the instance.
        name: "workspace_create_key",
        limit: 60,
        windowSeconds: 3600,
        key: ({ ctx }) => (ctx.actor.type === "apiKey" ? ctx.actor.keyId : null),
      },
    ],
  },
  async ({ ctx, body }) => createWorkspaceWithKey({ ctx, input: body }),
);

export const OPTIONS = preflight;
