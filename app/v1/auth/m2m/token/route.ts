import { preflight } from "@/lib/api/cors";
import { bearerToken } from "@/lib/api/credentials";
import { apiRoute } from "@/lib/api/route";
import { legacyM2mToken } from "@/lib/m2m/legacy-m2m-token";
import { LegacyM2mBody, LegacyM2mTokenPayload } from "@/lib/m2m/schemas";

export const POST = apiRoute(
  {
    // The API key in the body (or `Authorization`) is the credential; the verb checks it.
    auth: "none",
    summary: "Create an M2M session (legacy)",
    description:
      "Older verification guides' route: body `{ \"api_key\": \"scapp_…\" }` (or `Authorization: Bearer scapp_…`) names " +
      "the app. Answers the M2M token payload plus `access_token` (= `access`).",
    tags: ["M2M"],
    body: LegacyM2mBody,
    response: LegacyM2mTokenPayload,
  },
  async ({ ctx, body, request }) =>
    legacyM2mToken({ ctx, input: { apiKey: body.api_key ?? bearerToken(request), clientName: body.client_name } }),
);

export const OPTIONS = preflight;
