/**
 * POST /v1/workspaces/{workspace_id}/sessions — workspace session, cross-app
 * sign-in (spec §3.13).
 *
 * Credential: a workspace key (401 `workspace_api_key_required` without one)
 * AND the user's access token from an app of that workspace in
 * `X-Authorization` (raw or `Bearer `). A token of an app outside the
 * workspace answers 403 `workspace_access_denied`; a target app outside it
 * 404 `app_not_in_workspace` (threats T20).
 */
import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { TokenPayloadSchema } from "@/lib/sessions/schemas";
import { createWorkspaceSession } from "@/lib/workspace-sessions/create-workspace-session";
import { WorkspaceSessionBody, WorkspaceSessionParams } from "@/lib/workspace-sessions/schemas";

export const POST = apiRoute(
  {
    auth: "workspaceSecretAndUser",
    summary: "Create a workspace session",
    description: "Signs the source token's user in to the target app `app_id` of the same workspace (session type `misc`).",
    tags: ["Workspaces"],
    params: WorkspaceSessionParams,
    body: WorkspaceSessionBody,
    response: TokenPayloadSchema,
  },
  async ({ ctx, params, body, principal, request }) =>
    createWorkspaceSession({
      ctx,
      input: { workspaceRef: params.workspace_id, targetAppId: body.app_id, source: principal, request },
    }),
);

export const OPTIONS = preflight;
