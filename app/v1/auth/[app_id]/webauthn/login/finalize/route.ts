import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { finishLogin } from "@/lib/passkeys/finish-login";
import { AssertionBody, PasskeySignInResponse, WebauthnParams } from "@/lib/passkeys/schemas";

export const POST = apiRoute(
  {
    auth: "none",
    summary: "Finish a passkey sign-in",
    description:
      "Body: the assertion credential (webauthn-json); no identifier (the ceremony is found from " +
      "`response.clientDataJSON`'s challenge and consumed at once: 404 webauthn_challenge_not_found when unknown, " +
      "used or expired). Verifies the credential belongs to the app (and to the user the options named), origin, RP " +
      "ID hash, user verification, signature and that the sign counter increases (a regression is recorded as " +
      "`passkey.counter_regression`); any failure is 401 webauthn_failed. Updates counter, backup state and last use, " +
      "then answers a token payload of a `webauthn` session whose access token carries `crid` — or the MFA-required " +
      "body when the app sets `webauthn_skips_mfa=false` and MFA applies.",
    tags: ["Passkeys"],
    params: WebauthnParams,
    body: AssertionBody,
    response: PasskeySignInResponse,
    bodyLimit: 32 * 1024,
    rateLimits: [
      {
        name: "webauthn_finalize_ip",
        limit: 60,
        windowSeconds: 600,
        key: ({ ctx, params }) => (ctx.ip ? `${params.app_id}:${ctx.ip}` : null),
      },
    ],
  },
  async ({ ctx, params, body, request }) => finishLogin({ ctx, input: { appId: params.app_id, body, request } }),
);

export const OPTIONS = preflight;
