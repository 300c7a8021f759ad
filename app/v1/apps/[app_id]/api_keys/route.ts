import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { issueApiKey } from "@/lib/api-keys/issue-api-key";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { ApiKeyBody, ApiKeyListResponse, AppApiKeysParams, NewApiKeyResponse } from "@/lib/api-keys/schemas";

export const GET = apiRoute(
  {
    auth: "secret",
    summary: "List an app's API keys",
    description: "Live (not revoked) keys, oldest first. Secrets are never shown again; each key has a `token_preview`.",
    tags: ["API keys"],
    params: AppApiKeysParams,
    response: ApiKeyListResponse,
  },
  async ({ ctx, params }) => ({ api_keys: await listApiKeys({ ctx, input: { scope: { appId: params.app_id } } }) }),
);

export const POST = apiRoute(
  {
    auth: "secret",
    summary: "Create an app API key",
    description: "Returns the `scapp_…` secret in `token`, once. Store it: only its SHA-256 is kept.",
    tags: ["API keys"],
    params: AppApiKeysParams,
    body: ApiKeyBody,
    response: NewApiKeyResponse,
  },
  async ({ ctx, params, body }) => ({
    api_key: await issueApiKey({ ctx, input: { scope: { appId: params.app_id }, nickname: body.nickname } }),
  }),
);

export const OPTIONS = preflight;
