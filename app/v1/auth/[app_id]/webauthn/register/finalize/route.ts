import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { finishRegistration } from "@/lib/passkeys/finish-registration";
import { AttestationBody, PasskeySignInResponse, WebauthnParams } from "@/lib/passkeys/schemas";

export const POST = apiRoute(
  {
    auth: "none",
    summary: "Finish a passkey sign-up",
    description:
      "Body: the attestation credential (webauthn-json). The ceremony is found from `response.clientDataJSON`'s " +
      "challenge and consumed at once (404 webauthn_challenge_not_found when unknown, used or expired). Verifies " +
      "origin (`origin` + `additional_origins`), RP ID (the origin's hostname), user verification and signature " +
      "(422 webauthn_registration_failed otherwise); a credential id already registered in the app is 409 " +
      "credential_exists. Stores the passkey, activates the user and answers a token payload of a `webauthn` session " +
      "whose access token carries `crid`.",
    tags: ["Passkeys"],
    params: WebauthnParams,
    body: AttestationBody,
    response: PasskeySignInResponse,
    bodyLimit: 128 * 1024,
    rateLimits: [
      {
        name: "webauthn_finalize_ip",
        limit: 60,
        windowSeconds: 600,
        key: ({ ctx, params }) => (ctx.ip ? `${params.app_id}:${ctx.ip}` : null),
      },
    ],
  },
  async ({ ctx, params, body, request }) => (await finishRegistration({ ctx, input: { appId: params.app_id, body, request } })).payload,
);

export const OPTIONS = preflight;
