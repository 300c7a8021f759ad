import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { AppParams } from "@/lib/apps/schemas";
import { assertRefreshTokenRedeemable } from "@/lib/sessions/redeem-refresh-token";
import { VerifiedResponse } from "@/lib/sessions/schemas";

export const POST = apiRoute(
  {
    auth: "refresh",
    summary: "Verify a refresh token",
    description:
      "Checks the signature, expiry, that the session is live and that the token has not been superseded by a " +
      "rotation (read-only: it never consumes the token). 401 otherwise.",
    tags: ["Tokens"],
    params: AppParams,
    response: VerifiedResponse,
  },
  async ({ ctx, principal }) => {
    assertRefreshTokenRedeemable(principal, ctx.now);
    return { message: "verified", verified: true };
  },
);

export const OPTIONS = preflight;
