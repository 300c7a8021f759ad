import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { beginRegistration } from "@/lib/passkeys/begin-registration";
import { CreationOptionsResponse, RegisterInitializeBody, WebauthnParams } from "@/lib/passkeys/schemas";

export const POST = apiRoute(
  {
    auth: "none",
    summary: "Start a passkey sign-up",
    description:
      "Passkey-only sign-up: creates the user as `pending` when absent (only with `public_signup`, else 403) and " +
      "answers registration options in webauthn-json form under `options` (not wrapped in `publicKey`); the challenge " +
      "is valid 5 minutes, once. An identifier of an existing active or verified user, or of one who already has a " +
      "passkey, is 409 identifier_taken: such users sign in and add a passkey with /devices/register. " +
      "403 passkeys_disabled when the app has passkeys off.",
    tags: ["Passkeys"],
    params: WebauthnParams,
    body: RegisterInitializeBody,
    response: CreationOptionsResponse,
    bodyLimit: 64 * 1024,
    rateLimits: [
      {
        name: "webauthn_register_ip",
        limit: 30,
        windowSeconds: 600,
        key: ({ ctx, params }) => (ctx.ip ? `${params.app_id}:${ctx.ip}` : null),
      },
    ],
  },
  async ({ ctx, params, body }) =>
    beginRegistration({ ctx, input: { appId: params.app_id, identifier: body.identifier, userMeta: body.user_meta } }),
);

export const OPTIONS = preflight;
