import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { createM2mSession } from "@/lib/m2m/create-m2m-session";
import { CreateM2mBody, M2mParams, M2mTokenPayload } from "@/lib/m2m/schemas";
import { appForActor } from "@/lib/tenancy";

export const POST = apiRoute(
  {
    auth: "secret",
    summary: "Create an M2M session",
    description:
      "Tokens for a backend service: an M2M access JWT (30 days), a refresh JWT and a `scm2m_…` short token usable " +
      "wherever the access JWT is. The short token is shown only here; only its SHA-256 is kept.",
    tags: ["M2M"],
    params: M2mParams,
    body: CreateM2mBody,
    response: M2mTokenPayload,
  },
  async ({ ctx, params, body }) => {
    const app = await appForActor(ctx, params.app_id);
    const apiKeyId = ctx.actor.type === "apiKey" ? ctx.actor.keyId : null;
    return createM2mSession({ ctx, input: { app, clientName: body.client_name, nickname: body.nickname, apiKeyId } });
  },
);

export const OPTIONS = preflight;
