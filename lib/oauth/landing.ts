/**
 * Where an OAuth flow lands (spec §6.4, §6.5): the app's `login_url`, else
 * `callback_url`, else `origin` — each only when it lies on the app's origins
 * (threats T26) — or, for a flow started on Tessera's hosted sign-in page, the
 * app's callback URL (or the hosted "signed in" page) with errors shown on
 * the hosted sign-in page.
 */
import type { AppRow } from "@/lib/apps/find-app";
import { getEnv } from "@/lib/env";
import { loginPath } from "@/lib/hosted/flow-cookie";
import { safeCallbackUrl } from "@/lib/hosted/handoff";
import { urlOnOrigins } from "@/lib/urls";

type LandingApp = Pick<AppRow, "publicId" | "loginUrl" | "callbackUrl" | "origin" | "additionalOrigins">;

export interface Landing {
  /** Success: this URL plus `sct_oauth`; null = the hosted "signed in" page, no token. */
  success: string | null;
  /** Failure: this URL plus `sct_error`. */
  failure: string;
}

const HOSTED_PREFIX = "hosted:";

function onOrigins(app: LandingApp, url: string | null): url is string {
  return url !== null && urlOnOrigins(url, [app.origin, ...app.additionalOrigins]);
}

/** The app's own landing page: login_url → callback_url → origin (the first on its origins). */
export function appLandingUrl(app: LandingApp): string {
  return [app.loginUrl, app.callbackUrl].find((u): u is string => onOrigins(app, u)) ?? app.origin;
}

/** A caller-chosen landing URL, if it lies on the app's origins. */
export function checkedRedirectUrl(app: LandingApp, url: string): string | null {
  return onOrigins(app, url) ? new URL(url).toString() : null;
}

/** What to store in `oauth_states.return_to` for a flow (null = the app's default landing). */
export function returnToFor(app: LandingApp, opts: { hosted: boolean; redirectUrl: string | null }): string | null {
  if (opts.hosted) return `${HOSTED_PREFIX}${safeCallbackUrl(app)?.toString() ?? ""}`;
  return opts.redirectUrl;
}

/** The landing of a flow from its stored `return_to`. */
export function landingOf(app: LandingApp, returnTo: string | null): Landing {
  if (returnTo?.startsWith(HOSTED_PREFIX)) {
    const hostedLogin = `${getEnv().baseUrl}${loginPath(app)}`;
    const target = returnTo.slice(HOSTED_PREFIX.length);
    return { success: onOrigins(app, target) ? target : null, failure: hostedLogin };
  }
  const target = onOrigins(app, returnTo) ? returnTo : appLandingUrl(app);
  return { success: target, failure: target };
}

/** `url` with `params` set (existing ones of the same names replaced, others kept). */
export function withParams(url: string, params: Record<string, string>): string {
  const out = new URL(url);
  for (const [k, v] of Object.entries(params)) out.searchParams.set(k, v);
  return out.toString();
}

export function hostedDoneUrl(app: Pick<AppRow, "publicId">): string {
  return `${getEnv().baseUrl}${loginPath(app)}/done`;
}
