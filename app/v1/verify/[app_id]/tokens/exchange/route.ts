import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { serializeOne } from "@/lib/verifications/access";
import { exchangeScuteToken } from "@/lib/verifications/exchange-scute-token";
import { ExchangeBody, ExchangeResponse, VerifyParams } from "@/lib/verifications/schemas";

export const POST = apiRoute(
  {
    auth: "verifyCaller",
    summary: "Exchange a scute_token (one time)",
    description:
      "Tessera addition to §15.12. A backend posts the `scute_token` its redirect URL received: the signature (app JWKS key), " +
      "`iss` (`scute`), `aud` (this app's public id) and `exp` (60 s) are checked and its `jti` is recorded, so each token " +
      "is accepted once. Returns the verification and the token's claims. 401 `invalid_token` (bad signature, wrong audience), " +
      "`token_expired`, `token_already_used` (replay). M2M token or API secret.",
    tags: ["Verifications"],
    params: VerifyParams,
    body: ExchangeBody,
    response: ExchangeResponse,
  },
  async ({ ctx, body, principal }) => {
    const { row, claims } = await exchangeScuteToken({ ctx, input: { principal, token: body.token } });
    return { verification: await serializeOne(principal.app, row), claims };
  },
);

export const OPTIONS = preflight;
