/**
 * GET/POST /v1/workspaces (spec §3.3, §3.4).
 *
 * Credential: a member's dashboard token (`X-Authorization`), or a workspace
 * API key (`Authorization: Bearer scwor_…`). Without either: 401
 * `workspace_api_key_required`; an app key: 403 `forbidden`.
 * - GET: a member lists the workspaces of their active memberships; a key its
 *   own workspace and its live children, never a parent or sibling (T20).
 * - POST: a member creates a workspace they own. A key creates a top-level
 *   workspace with its first workspace key, shown only here (there is no
 *   member to become owner); keys of child workspaces get 403.
 */
import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { createMemberWorkspace } from "@/lib/workspaces/create-member-workspace";
import { createWorkspaceWithKey } from "@/lib/workspaces/create-workspace-with-key";
import { listWorkspaces } from "@/lib/workspaces/list-workspaces";
import { CreateWorkspaceBody, CreateWorkspaceResponse, WorkspaceListResponse } from "@/lib/workspaces/schemas";

export const GET = apiRoute(
  {
    auth: "workspaceSecretOrDashboard",
    summary: "List workspaces",
    description: "A member's workspaces (with their membership), or the calling workspace key's workspace and its children.",
    tags: ["Workspaces"],
    response: WorkspaceListResponse,
  },
  async ({ ctx }) => ({ workspaces: await listWorkspaces({ ctx }) }),
);

export const POST = apiRoute(
  {
    auth: "workspaceSecretOrDashboard",
    summary: "Create a workspace",
    description:
      "A member becomes the new workspace's owner. With a workspace key, the new top-level workspace comes with its first workspace API key, whose token is shown only in this response.",
    tags: ["Workspaces"],
    body: CreateWorkspaceBody,
    response: CreateWorkspaceResponse,
    bodyLimit: 64 * 1024,
    rateLimits: [
      {
        // Creating tenants is rare; a runaway script (or member) should not fill the instance.
        name: "workspace_create_key",
        limit: 60,
        windowSeconds: 3600,
        key: ({ ctx }) => (ctx.actor.type === "apiKey" ? ctx.actor.keyId : ctx.actor.type === "member" ? `member:${ctx.actor.memberId}` : null),
      },
    ],
  },
  async ({ ctx, body }) =>
    ctx.actor.type === "member" ? createMemberWorkspace({ ctx, input: body }) : createWorkspaceWithKey({ ctx, input: body }),
);

export const OPTIONS = preflight;
