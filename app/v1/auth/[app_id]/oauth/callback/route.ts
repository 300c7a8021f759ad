import { preflight } from "@/lib/api/cors";
import { apiRoute, json } from "@/lib/api/route";
import { findLiveAppCached } from "@/lib/apps/find-app";
import { AppError } from "@/lib/errors";
import { completeAuthorization } from "@/lib/oauth/complete-authorization";
import { clearBindingCookie, redirectResponse } from "@/lib/oauth/redirect-response";
import { CallbackQuery, OAuthParams, RedirectUrlResponse } from "@/lib/oauth/schemas";

const DESCRIPTION =
  "The provider's redirect: 302 to the app's `login_url` (else `callback_url`, else `origin`) with a single-use `sct_oauth` token for PATCH /magic_links/authenticate, or with `sct_error` (`oauth_failed`, `oauth_access_denied`, `oauth_email_unverified`, `oauth_provider_not_enabled`, `user_inactive`, `public_signup_disabled`). With `Accept: application/json`: 200 `{ url }`, or the error envelope with `url`.";

function callbackRoute(summary: string) {
  return apiRoute(
    {
      auth: "none",
      summary,
      description: DESCRIPTION,
      tags: ["OAuth"],
      params: OAuthParams,
      query: CallbackQuery,
      response: RedirectUrlResponse,
      rateLimits: [
        { name: "oauth_callback_ip", limit: 120, windowSeconds: 600, key: ({ ctx, params }) => (ctx.ip ? `${params.app_id}:${ctx.ip}` : null) },
      ],
    },
    async ({ ctx, params, query, request }) => {
      const app = await findLiveAppCached(params.app_id);
      if (!app) throw new AppError("app_not_found");
      const result = await completeAuthorization({ ctx, input: { app, response: query, request } });
      if ((request.headers.get("accept") ?? "").includes("application/json")) {
        if (!result.ok) throw new AppError({ code: result.code, extra: { url: result.location } });
        return json({ url: result.location }, 200, { "Set-Cookie": clearBindingCookie(app) });
      }
      return redirectResponse(result.location, clearBindingCookie(app));
    },
  );
}

export const GET = callbackRoute("Finish an OAuth sign-in (provider redirect)");

/** `response_mode=form_post` (Apple): the same parameters as a form body. */
export const POST = callbackRoute("Finish an OAuth sign-in (form_post response)");

export const OPTIONS = preflight;
