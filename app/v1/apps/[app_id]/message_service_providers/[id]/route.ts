import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { updateMessageProvider } from "@/lib/message-providers/save-message-provider";
import { ProviderParams, ProviderResponse, UpdateProviderBody } from "@/lib/message-providers/schemas";

export const PATCH = apiRoute(
  {
    auth: "secret",
    summary: "Update a message service provider",
    description: "Any field but `provider_type` and `provider`. `config` is merged: masked secrets (`••••`) keep their stored value.",
    tags: ["Message service providers"],
    params: ProviderParams,
    body: UpdateProviderBody,
    response: ProviderResponse,
  },
  async ({ ctx, params, body }) => ({
    message_service_provider: await updateMessageProvider({ ctx, input: { appId: params.app_id, id: params.id, body } }),
  }),
);

export const OPTIONS = preflight;
