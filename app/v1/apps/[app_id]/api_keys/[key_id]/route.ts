import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { getApiKey } from "@/lib/api-keys/get-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { ApiKeyBody, ApiKeyResponse, AppApiKeyParams } from "@/lib/api-keys/schemas";
import { updateApiKey } from "@/lib/api-keys/update-api-key";
import { OkResponse } from "@/lib/apps/schemas";

export const GET = apiRoute(
  {
    auth: "secret",
    summary: "Get an app API key",
    tags: ["API keys"],
    params: AppApiKeyParams,
    response: ApiKeyResponse,
  },
  async ({ ctx, params }) => ({
    api_key: await getApiKey({ ctx, input: { scope: { appId: params.app_id }, keyId: params.key_id } }),
  }),
);

export const PATCH = apiRoute(
  {
    auth: "secret",
    summary: "Rename an app API key",
    tags: ["API keys"],
    params: AppApiKeyParams,
    body: ApiKeyBody,
    response: ApiKeyResponse,
  },
  async ({ ctx, params, body }) => ({
    api_key: await updateApiKey({
      ctx,
      input: { scope: { appId: params.app_id }, keyId: params.key_id, nickname: body.nickname },
    }),
  }),
);

export const DELETE = apiRoute(
  {
    auth: "secret",
    summary: "Revoke an app API key",
    description: "Effective immediately; a key may revoke itself.",
    tags: ["API keys"],
    params: AppApiKeyParams,
    response: OkResponse,
  },
  async ({ ctx, params }) => {
    await revokeApiKey({ ctx, input: { scope: { appId: params.app_id }, keyId: params.key_id } });
    return { message: "ok" };
  },
);

export const OPTIONS = preflight;
