import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { getApiKey } from "@/lib/api-keys/get-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { ApiKeyBody, ApiKeyResponse, WorkspaceApiKeyParams } from "@/lib/api-keys/schemas";
import { updateApiKey } from "@/lib/api-keys/update-api-key";
import { OkResponse } from "@/lib/apps/schemas";

export const GET = apiRoute(
  {
    auth: "workspaceSecretOrDashboard",
    summary: "Get a workspace API key",
    tags: ["API keys"],
    params: WorkspaceApiKeyParams,
    response: ApiKeyResponse,
  },
  async ({ ctx, params }) => ({
    api_key: await getApiKey({ ctx, input: { scope: { workspaceId: params.workspace_id }, keyId: params.key_id } }),
  }),
);

export const PATCH = apiRoute(
  {
    auth: "workspaceSecretOrDashboard",
    summary: "Rename a workspace API key",
    tags: ["API keys"],
    params: WorkspaceApiKeyParams,
    body: ApiKeyBody,
    response: ApiKeyResponse,
  },
  async ({ ctx, params, body }) => ({
    api_key: await updateApiKey({
      ctx,
      input: { scope: { workspaceId: params.workspace_id }, keyId: params.key_id, nickname: body.nickname },
    }),
  }),
);

export const DELETE = apiRoute(
  {
    auth: "workspaceSecretOrDashboard",
    summary: "Revoke a workspace API key",
    description: "Effective immediately; a key may revoke itself.",
    tags: ["API keys"],
    params: WorkspaceApiKeyParams,
    response: OkResponse,
  },
  async ({ ctx, params }) => {
    await revokeApiKey({ ctx, input: { scope: { workspaceId: params.workspace_id }, keyId: params.key_id } });
    return { message: "ok" };
  },
);

export const OPTIONS = preflight;
