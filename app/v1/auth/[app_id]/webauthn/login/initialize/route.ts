import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { beginLogin } from "@/lib/passkeys/begin-login";
import { LoginInitializeBody, RequestOptionsResponse, WebauthnParams } from "@/lib/passkeys/schemas";

export const POST = apiRoute(
  {
    auth: "none",
    summary: "Start a passkey sign-in",
    description:
      "Answers request options in webauthn-json form under `options` (not wrapped in `publicKey`), listing every " +
      "passkey of the user in `allowCredentials` with the ids exactly as registered (empty when the user has none). " +
      "Unknown identifier → 404 user_not_found. Without `identifier` the options allow any passkey of the app " +
      "(discoverable credentials). The challenge is valid 5 minutes, once. 403 passkeys_disabled when the app has " +
      "passkeys off.",
    tags: ["Passkeys"],
    params: WebauthnParams,
    body: LoginInitializeBody,
    response: RequestOptionsResponse,
    bodyLimit: 16 * 1024,
    rateLimits: [
      {
        name: "webauthn_login_ip",
        limit: 60,
        windowSeconds: 600,
        key: ({ ctx, params }) => (ctx.ip ? `${params.app_id}:${ctx.ip}` : null),
      },
    ],
  },
  async ({ ctx, params, body }) => beginLogin({ ctx, input: { appId: params.app_id, identifier: body.identifier } }),
);

export const OPTIONS = preflight;
