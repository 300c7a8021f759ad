import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { AppParams } from "@/lib/apps/schemas";
import { redeemRefreshToken } from "@/lib/sessions/redeem-refresh-token";
import { TokenPayloadSchema } from "@/lib/sessions/schemas";

export const POST = apiRoute(
  {
    auth: "secretAndRefresh",
    summary: "Force a token refresh (server)",
    description:
      "API secret of the app plus `X-Refresh-Token`; `X-CSRF-Token` is accepted and not required. Always mints a new " +
      "access token and a new refresh token, under the same single-use and reuse rules as `tokens/refresh`.",
    tags: ["Tokens"],
    params: AppParams,
    response: TokenPayloadSchema,
  },
  async ({ ctx, principal }) => redeemRefreshToken({ ctx, principal, rotate: true }),
);

export const OPTIONS = preflight;
