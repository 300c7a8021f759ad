import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { findLiveApp } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { createM2mSession } from "@/lib/m2m/create-m2m-session";
import type { M2mTokenPayloadObject } from "@/lib/m2m/schemas";

/**
 * POST /v1/auth/m2m/token (spec §18.7): the app API key (body `api_key`, or
 * `Authorization: Bearer`) names the app. A workspace key names no app: 403.
 */
export async function legacyM2mToken({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { apiKey: string | null; clientName?: string };
}): Promise<M2mTokenPayloadObject & { access_token: string }> {
  if (!input.apiKey) throw new AppError({ code: "api_key_required", message: "API key required: send `api_key` (an app key, scapp_…)" });
  const actor = await authenticateApiKey(input.apiKey, ctx.now);
  ctx.actor = actor;
  if (actor.keyKind !== "app" || !actor.appId) {
    throw new AppError({ code: "forbidden", message: "This route needs an app API key (scapp_…): a workspace key names no app" });
  }
  const app = await findLiveApp(actor.appId);
  if (!app) throw new AppError("app_not_found");
  const payload = await createM2mSession({ ctx, input: { app, clientName: input.clientName, apiKeyId: actor.keyId } });
  return { ...payload, access_token: payload.access };
}
