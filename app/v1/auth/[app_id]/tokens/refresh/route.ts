import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { AppParams } from "@/lib/apps/schemas";
import { redeemRefreshToken } from "@/lib/sessions/redeem-refresh-token";
import { TokenPayloadSchema } from "@/lib/sessions/schemas";

export const POST = apiRoute(
  {
    auth: "refresh",
    summary: "Refresh the access token",
    description:
      "No body. The refresh token comes in `X-Refresh-Token` (an `Authorization: Bearer <API secret>` beside it is " +
      "ignored). Each refresh token is single-use: with `refresh_payload` on, the answer carries its successor in " +
      "`refresh`. The token just replaced still earns an access token (without `refresh`) for 30 s, for tabs racing on " +
      "one token; presenting it later, or any older one, is reuse: the session is revoked and the answer is 401 " +
      "`refresh_token_reused`.",
    tags: ["Tokens"],
    params: AppParams,
    response: TokenPayloadSchema,
  },
  async ({ ctx, principal }) => redeemRefreshToken({ ctx, principal, rotate: principal.app.refreshPayload }),
);

export const OPTIONS = preflight;
