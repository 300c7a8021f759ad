import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { issueApiKey } from "@/lib/api-keys/issue-api-key";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { ApiKeyBody, ApiKeyListResponse, NewApiKeyResponse, WorkspaceApiKeysParams } from "@/lib/api-keys/schemas";

export const GET = apiRoute(
  {
    auth: "workspaceSecretOrDashboard",
    summary: "List a workspace's API keys",
    description:
      "Live workspace keys (`scwor_…`) of the workspace, oldest first. Needs a key of this workspace or of its parent.",
    tags: ["API keys"],
    params: WorkspaceApiKeysParams,
    response: ApiKeyListResponse,
  },
  async ({ ctx, params }) => ({
    api_keys: await listApiKeys({ ctx, input: { scope: { workspaceId: params.workspace_id } } }),
  }),
);

export const POST = apiRoute(
  {
    auth: "workspaceSecretOrDashboard",
    summary: "Create a workspace API key",
    description:
      "Returns the `scwor_…` secret in `token`, once. A workspace key reaches every app of its workspace and of its children.",
    tags: ["API keys"],
    params: WorkspaceApiKeysParams,
    body: ApiKeyBody,
    response: NewApiKeyResponse,
  },
  async ({ ctx, params, body }) => ({
    api_key: await issueApiKey({ ctx, input: { scope: { workspaceId: params.workspace_id }, nickname: body.nickname } }),
  }),
);

export const OPTIONS = preflight;
