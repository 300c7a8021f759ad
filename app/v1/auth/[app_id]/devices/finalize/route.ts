import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { finishAddDevice } from "@/lib/passkeys/finish-registration";
import { AttestationBody, DeviceResponse, WebauthnParams } from "@/lib/passkeys/schemas";
import { toDevice } from "@/lib/passkeys/serialize";

export const POST = apiRoute(
  {
    auth: "user",
    summary: "Finish adding a passkey",
    description:
      "Body: the attestation credential (webauthn-json) for a ceremony this user started with /devices/register " +
      "(else 404 webauthn_challenge_not_found). Verifies origin, RP ID, user verification and signature (422 " +
      "webauthn_registration_failed otherwise); a credential id already registered in the app is 409 " +
      "credential_exists. Stores the passkey with a nickname from the user agent (\"Chrome on macOS\") and sets " +
      "`webauthn_enabled` / `webauthn_types`.",
    tags: ["Passkeys"],
    params: WebauthnParams,
    body: AttestationBody,
    response: DeviceResponse,
    bodyLimit: 128 * 1024,
  },
  async ({ ctx, principal, body, request }) =>
    toDevice(
      await finishAddDevice({
        ctx,
        input: { app: principal.app, user: principal.user, body, userAgent: request.headers.get("user-agent") ?? ctx.userAgent },
      }),
    ),
);

export const OPTIONS = preflight;
