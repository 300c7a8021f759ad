import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { beginAddDevice } from "@/lib/passkeys/begin-registration";
import { CreationOptionsResponse, WebauthnParams } from "@/lib/passkeys/schemas";

export const POST = apiRoute(
  {
    auth: "user",
    summary: "Start adding a passkey",
    description:
      "For the signed-in user (no body): registration options in webauthn-json form under `options` (not wrapped in " +
      "`publicKey`), every passkey the user already has in `excludeCredentials`, `user.id` = the 16 bytes of the " +
      "user's uuid. The challenge is valid 5 minutes, once. 403 passkeys_disabled when the app has passkeys off.",
    tags: ["Passkeys"],
    params: WebauthnParams,
    response: CreationOptionsResponse,
  },
  async ({ ctx, principal }) => beginAddDevice({ ctx, input: { app: principal.app, user: principal.user } }),
);

export const OPTIONS = preflight;
