import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { listMessageProviders } from "@/lib/message-providers/list-message-providers";
import { upsertMessageProvider } from "@/lib/message-providers/save-message-provider";
import { ProviderListResponse, ProviderResponse, ProvidersParams, UpsertProviderBody } from "@/lib/message-providers/schemas";

export const GET = apiRoute(
  {
    auth: "secret",
    summary: "List an app's message service providers",
    description: "SMS and email delivery providers of the app. Secret settings read back as `••••`.",
    tags: ["Message service providers"],
    params: ProvidersParams,
    response: ProviderListResponse,
  },
  async ({ ctx, params }) => ({ message_service_providers: await listMessageProviders({ ctx, input: { appId: params.app_id } }) }),
);

export const POST = apiRoute(
  {
    auth: "secret",
    summary: "Create or update a message service provider",
    description:
      "Upsert by `provider_type` + `provider` (sms: `twilio`; email: `smtp`, `resend`). Secrets are encrypted at rest and " +
      "masked on read; sending a masked value (`••••`) back keeps the stored secret. The app's default enabled provider of " +
      "a channel delivers its codes and links; without one, the instance default (environment), else the dev outbox.",
    tags: ["Message service providers"],
    params: ProvidersParams,
    body: UpsertProviderBody,
    response: ProviderResponse,
  },
  async ({ ctx, params, body }) => ({
    message_service_provider: await upsertMessageProvider({ ctx, input: { appId: params.app_id, body } }),
  }),
);

export const OPTIONS = preflight;
