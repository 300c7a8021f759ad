import { preflight } from "@/lib/api/cors";
import { m2mTokenOf, xRefreshToken } from "@/lib/api/credentials";
import { apiRoute } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { refreshM2mSession } from "@/lib/m2m/refresh-m2m-session";
import { M2mParams, M2mRefreshPayload, RefreshM2mBody } from "@/lib/m2m/schemas";

export const POST = apiRoute(
  {
    // The refresh token is the credential (checked by the verb); the access
    // token may have expired, so it is optional and only matched to the session.
    auth: "none",
    summary: "Refresh an M2M session",
    description:
      "Rotates the refresh token: send it in `X-Refresh-Token` (or body `refresh`), optionally with the M2M access " +
      "token in `Authorization: Bearer` or `X-Authorization` (it must belong to the same session; it may have expired). " +
      "A refresh token can be used once: presenting a replaced one revokes the session.",
    tags: ["M2M"],
    params: M2mParams,
    body: RefreshM2mBody,
    response: M2mRefreshPayload,
  },
  async ({ ctx, params, body, request }) => {
    const refreshToken = xRefreshToken(request) ?? body.refresh ?? null;
    if (!refreshToken) {
      throw new AppError({ code: "unauthorized", message: "Refresh token required: send `X-Refresh-Token` or body `refresh`" });
    }
    return refreshM2mSession({ ctx, input: { appId: params.app_id, refreshToken, accessToken: m2mTokenOf(request) } });
  },
);

export const OPTIONS = preflight;
