import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { listAuthProviders } from "@/lib/oauth/list-auth-providers";
import { AuthProviderBody, AuthProviderListResponse, AuthProviderResponse, AuthProvidersParams } from "@/lib/oauth/schemas";
import { upsertAuthProvider } from "@/lib/oauth/upsert-auth-provider";

export const GET = apiRoute(
  {
    auth: "secret",
    summary: "List an app's auth providers",
    description: "OAuth / OpenID Connect sign-in providers, then email and SMS delivery providers. Client secrets are never returned.",
    tags: ["Auth providers"],
    params: AuthProvidersParams,
    response: AuthProviderListResponse,
  },
  async ({ ctx, params }) => ({ auth_providers: await listAuthProviders({ ctx, input: { appId: params.app_id } }) }),
);

export const POST = apiRoute(
  {
    auth: "secret",
    summary: "Create or replace an OAuth provider",
    description:
      "Upsert by `slug`: `google`, `github`, `microsoft`, `apple`, or any slug with an OpenID Connect `issuer`. The client secret is write-only (sealed at rest); register `callback_url` at the provider.",
    tags: ["Auth providers"],
    params: AuthProvidersParams,
    body: AuthProviderBody,
    response: AuthProviderResponse,
  },
  async ({ ctx, params, body }) => ({
    auth_provider: await upsertAuthProvider({ ctx, input: { appId: params.app_id, provider: body } }),
  }),
);

export const OPTIONS = preflight;
