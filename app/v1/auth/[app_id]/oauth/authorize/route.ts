import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { findLiveAppCached } from "@/lib/apps/find-app";
import { AppError } from "@/lib/errors";
import { redirectResponse } from "@/lib/oauth/redirect-response";
import { AuthorizeQuery, OAuthParams } from "@/lib/oauth/schemas";
import { startAuthorization } from "@/lib/oauth/start-authorization";

export const GET = apiRoute(
  {
    auth: "none",
    summary: "Start an OAuth sign-in",
    description:
      "A browser navigation: 302 to the provider with PKCE, a signed single-use `state` and (OpenID Connect) a `nonce`. An unknown or disabled provider redirects to the app's `login_url` with `sct_error=oauth_provider_not_enabled`.",
    tags: ["OAuth"],
    params: OAuthParams,
    query: AuthorizeQuery,
    rateLimits: [{ name: "oauth_authorize_ip", limit: 120, windowSeconds: 600, key: ({ ctx, params }) => (ctx.ip ? `${params.app_id}:${ctx.ip}` : null) }],
  },
  async ({ ctx, params, query }) => {
    const app = await findLiveAppCached(params.app_id);
    if (!app) throw new AppError("app_not_found");
    const result = await startAuthorization({
      ctx,
      input: { app, provider: query.provider, redirectUrl: query.redirect_url, hosted: query.hosted === "1" },
    });
    return redirectResponse(result.location, result.setCookie);
  },
);

export const OPTIONS = preflight;
