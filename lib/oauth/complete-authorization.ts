import { and, eq, gt, isNull } from "drizzle-orm";
import * as client from "openid-client";
import { getDb } from "@/db/client";
import { oauthStates } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { decryptSecret } from "@/lib/crypto";
import { type ErrorCode, isAppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { mintOAuthToken, OAUTH_TOKEN_TTL_SECONDS } from "@/lib/hosted/handoff";
import { log } from "@/lib/log";
import { findEnabledProvider } from "@/lib/oauth/find-provider";
import { hostedDoneUrl, type Landing, landingOf, withParams } from "@/lib/oauth/landing";
import { fetchProfile } from "@/lib/oauth/profile";
import { providerConfig } from "@/lib/oauth/provider-config";
import { oauthCallbackUrl } from "@/lib/oauth/serialize";
import { signInProfile } from "@/lib/oauth/sign-in-profile";
import { errorName, VERIFIER_PURPOSE } from "@/lib/oauth/start-authorization";
import { bindingMatches, verifyState } from "@/lib/oauth/state";

export interface CallbackInput {
  app: AppRow;
  /** The authorization response parameters (query, or form body for form_post). */
  response: { state?: string; code?: string; iss?: string; error?: string; error_description?: string };
  request: Request;
}

export type CallbackResult =
  | { ok: true; location: string }
  /** `code` is the `sct_error` value and the JSON error code. */
  | { ok: false; code: ErrorCode; location: string };

/** `sct_error` values (spec §6.4, §6.5 name the first two; the rest say why more precisely). */
const FAILURES = new Set<ErrorCode>([
  "oauth_failed",
  "oauth_provider_not_enabled",
  "oauth_access_denied",
  "oauth_email_unverified",
  "user_inactive",
  "public_signup_disabled",
]);

class Failure extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/**
 * Finish an OAuth sign-in (spec §6.5): check the signed state and consume
 * its row (one guarded UPDATE: a replay or an expired state fails), check
 * the browser that started the flow, exchange the code with PKCE (and for
 * OpenID Connect the nonce) through openid-client, read the profile, require
 * a verified email, find/link/create the user and mint a single-use
 * `sct_oauth` token, in one transaction. Every failure lands on the app (or
 * the hosted page) with `sct_error` and records `oauth.failed`.
 */
export async function completeAuthorization({ ctx, input }: { ctx: Ctx; input: CallbackInput }): Promise<CallbackResult> {
  const { app, response } = input;
  let landing: Landing = landingOf(app, null);
  let provider: string | null = null;
  try {
    const stateId = verifyState(app.id, response.state);
    if (!stateId) throw new Failure("oauth_failed", "bad_state");
    const db = await getDb();
    const [state] = await db
      .update(oauthStates)
      .set({ consumedAt: ctx.now })
      .where(
        and(eq(oauthStates.id, stateId), eq(oauthStates.appId, app.id), isNull(oauthStates.consumedAt), gt(oauthStates.expiresAt, ctx.now)),
      )
      .returning();
    if (!state) throw new Failure("oauth_failed", "state_used_or_expired");
    landing = landingOf(app, state.returnTo);
    provider = state.providerSlug;
    if (!bindingMatches(input.request, app.id, state.id)) throw new Failure("oauth_failed", "browser_mismatch");
    if (response.error) {
      throw new Failure(response.error === "access_denied" ? "oauth_access_denied" : "oauth_failed", `provider_error:${response.error.slice(0, 64)}`);
    }
    if (!response.code) throw new Failure("oauth_failed", "no_code");

    const row = await findEnabledProvider(app.id, state.providerSlug);
    if (!row) throw new Failure("oauth_provider_not_enabled", "provider_disabled");
    const { entry, config } = await providerConfig(row).catch((error: unknown) => {
      throw new Failure("oauth_failed", `discovery:${errorName(error)}`);
    });

    const current = new URL(oauthCallbackUrl(app));
    for (const key of ["code", "state", "iss"] as const) {
      const value = response[key];
      if (value !== undefined) current.searchParams.set(key, value);
    }
    const profile = await (async () => {
      const tokens = await client.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: decryptSecret(state.codeVerifierSealed, VERIFIER_PURPOSE),
        expectedState: response.state,
        ...(entry.protocol === "oidc" ? { expectedNonce: state.nonce ?? undefined, idTokenExpected: true } : {}),
      });
      return fetchProfile(entry, config, tokens);
    })().catch((error: unknown) => {
      throw new Failure("oauth_failed", `exchange:${errorName(error)}`);
    });
    if (!profile.emailVerified) throw new Failure("oauth_email_unverified", "email_unverified");

    const token = await db.transaction(async (tx) => {
      const user = await signInProfile(tx, ctx, { app, provider: row.slug, profile });
      if (!landing.success) return null;
      return mintOAuthToken(ctx, { app, user, ttlSeconds: OAUTH_TOKEN_TTL_SECONDS }, tx);
    });
    return { ok: true, location: token && landing.success ? withParams(landing.success, { sct_oauth: token }) : hostedDoneUrl(app) };
  } catch (error) {
    const failure =
      error instanceof Failure
        ? error
        : isAppError(error) && FAILURES.has(error.code)
          ? new Failure(error.code, error.code)
          : null;
    if (!failure) throw error;
    await recordFailure(ctx, app, provider, failure.reason);
    return { ok: false, code: failure.code, location: withParams(landing.failure, { sct_error: failure.code }) };
  }
}

async function recordFailure(ctx: Ctx, app: AppRow, provider: string | null, reason: string): Promise<void> {
  try {
    await recordEvent(await getDb(), ctx, {
      workspaceId: app.workspaceId,
      appId: app.id,
      slug: "oauth.failed",
      params: { provider, reason },
    });
  } catch (error) {
    log.warn("oauth failure event not recorded", { requestId: ctx.requestId, err: errorName(error) });
  }
}
