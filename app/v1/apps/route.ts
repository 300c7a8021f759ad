import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { createApp } from "@/lib/apps/create-app";
import { listApps } from "@/lib/apps/list-apps";
import { AppListResponse, AppResponse, CreateAppBody, ListAppsQuery } from "@/lib/apps/schemas";
import { selectAppsWorkspace } from "@/lib/apps/select-apps-workspace";
import { toAdminApp } from "@/lib/apps/serialize";

export const GET = apiRoute(
  {
    auth: "secret",
    summary: "List apps",
    description:
      "Live apps of the key's workspace, or of the workspace named by the `X-Workspace` header or `workspace_id` " +
      "(the key's own workspace or, for a workspace key, one of its children; anything else is 403 `workspace_mismatch`). " +
      "An app key sees only its own app.",
    tags: ["Apps"],
    query: ListAppsQuery,
    response: AppListResponse,
  },
  async ({ ctx, query, request }) => {
    const workspaceId = await selectAppsWorkspace(ctx, [request.headers.get("x-workspace"), query.workspace_id]);
    return { apps: await listApps({ ctx, input: { workspaceId } }) };
  },
);

export const POST = apiRoute(
  {
    auth: "secret",
    summary: "Create an app",
    description:
      "Body flat, wrapped in `app`, or form-encoded. The workspace is `workspace_id` (or `X-Workspace`) when given — " +
      "it may only narrow to the key's workspace or a child of it — else the key's workspace. No API key is created.",
    tags: ["Apps"],
    body: CreateAppBody,
    response: AppResponse,
  },
  async ({ ctx, body, request }) => {
    const { workspace_id, ...settings } = body;
    const workspaceId = await selectAppsWorkspace(ctx, [request.headers.get("x-workspace"), workspace_id]);
    const { app, signingKey } = await createApp({ ctx, input: { workspaceId, settings } });
    return { app: toAdminApp(app, signingKey.publicPem) };
  },
);

export const OPTIONS = preflight;
