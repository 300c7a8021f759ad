import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { revokeDevice } from "@/lib/passkeys/revoke-device";
import { DeviceParams, DeviceRemovedResponse } from "@/lib/passkeys/schemas";

export const DELETE = apiRoute(
  {
    auth: "user",
    summary: "Remove a passkey",
    description:
      "`id` = the credential id (URL-encoded base64url). Removes one of the caller's passkeys and revokes every " +
      "session it created (possibly the current one); the last one removed sets `webauthn_enabled=false`. Another " +
      "user's or unknown id → 404 device_not_found.",
    tags: ["Passkeys"],
    params: DeviceParams,
    response: DeviceRemovedResponse,
  },
  async ({ ctx, principal, params }) => {
    await revokeDevice({ ctx, input: { app: principal.app, appUserId: principal.user.id, credentialId: params.id } });
    return { message: "ok" };
  },
);

export const OPTIONS = preflight;
