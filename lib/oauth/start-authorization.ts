import { randomUUID } from "node:crypto";
import * as client from "openid-client";
import { getDb } from "@/db/client";
import { oauthStates } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { encryptSecret } from "@/lib/crypto";
import { log } from "@/lib/log";
import { findEnabledProvider } from "@/lib/oauth/find-provider";
import { appLandingUrl, checkedRedirectUrl, landingOf, returnToFor, withParams } from "@/lib/oauth/landing";
import { providerConfig } from "@/lib/oauth/provider-config";
import { oauthCallbackUrl } from "@/lib/oauth/serialize";
import { bindingCookie, bindingValue, signState } from "@/lib/oauth/state";

/** Lifetime of an authorization attempt (spec §6.4: 10 minutes). */
export const STATE_TTL_SECONDS = 600;
export const VERIFIER_PURPOSE = "oauth_state";

export interface AuthorizeResult {
  /** Where the browser goes next (the provider, or the app's page with `sct_error`). */
  location: string;
  /** The browser-binding cookie, when a flow started. */
  setCookie?: string;
}

/**
 * Start an OAuth sign-in (spec §6.4): for an enabled provider, store a
 * single-use state (sealed PKCE verifier, OIDC nonce, 10-minute expiry,
 * landing) and send the browser to the provider's authorization URL with
 * PKCE S256, the signed `state` and (OpenID Connect) a `nonce`. An unknown or
 * disabled provider, a landing URL off the app's origins, or an unreachable
 * issuer send the browser back to the app with `sct_error`.
 */
export async function startAuthorization({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { app: AppRow; provider: string; redirectUrl?: string; hosted: boolean };
}): Promise<AuthorizeResult> {
  const { app } = input;
  const fallback = landingOf(app, returnToFor(app, { hosted: input.hosted, redirectUrl: null })).failure;
  let redirectUrl: string | null = null;
  if (input.redirectUrl !== undefined && !input.hosted) {
    redirectUrl = checkedRedirectUrl(app, input.redirectUrl);
    if (!redirectUrl) return { location: withParams(appLandingUrl(app), { sct_error: "oauth_invalid_redirect_url" }) };
  }
  const returnTo = returnToFor(app, { hosted: input.hosted, redirectUrl });
  const failure = landingOf(app, returnTo).failure;

  const row = await findEnabledProvider(app.id, input.provider);
  if (!row) return { location: withParams(fallback, { sct_error: "oauth_provider_not_enabled" }) };

  let provider;
  try {
    provider = await providerConfig(row);
  } catch (error) {
    // Discovery carries no credentials: its error message helps the admin (a wrong issuer, an unreachable host).
    log.warn("oauth discovery failed", {
      requestId: ctx.requestId,
      provider: row.slug,
      err: errorName(error),
      detail: error instanceof Error ? error.message.slice(0, 300) : undefined,
      cause: error instanceof Error && error.cause instanceof Error ? error.cause.message.slice(0, 300) : undefined,
    });
    return { location: withParams(failure, { sct_error: "oauth_failed" }) };
  }
  const { entry, config } = provider;

  const id = randomUUID();
  const verifier = client.randomPKCECodeVerifier();
  const nonce = entry.protocol === "oidc" ? client.randomNonce() : null;
  const db = await getDb();
  await db.insert(oauthStates).values({
    id,
    appId: app.id,
    providerSlug: row.slug,
    codeVerifierSealed: encryptSecret(verifier, VERIFIER_PURPOSE),
    nonce,
    returnTo,
    ip: ctx.ip,
    userAgent: ctx.userAgent ? ctx.userAgent.slice(0, 1024) : null,
    expiresAt: new Date(ctx.now.getTime() + STATE_TTL_SECONDS * 1000),
    createdAt: ctx.now,
  });

  const params: Record<string, string> = {
    redirect_uri: oauthCallbackUrl(app),
    scope: (row.scopes.length ? row.scopes : entry.defaultScopes).join(" "),
    state: signState(app.id, id),
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
  };
  if (nonce) params.nonce = nonce;
  if (entry.formPost) params.response_mode = "form_post";
  const location = client.buildAuthorizationUrl(config, params).toString();
  const callbackPath = new URL(oauthCallbackUrl(app)).pathname;
  return {
    location,
    setCookie: bindingCookie(callbackPath, bindingValue(app.id, id), { formPost: entry.formPost, maxAge: STATE_TTL_SECONDS }),
  };
}

/** An error's class and code, never its message (which may quote a provider response). */
export function errorName(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === "string" ? `${error.name}:${code}` : error.name;
  }
  return typeof error;
}
