"use server";

/**
 * Server actions of the hosted passkey flows (spec §9 on the hosted pages).
 * Ceremonies run for the hosted RP (this instance's hostname); the browser
 * part is @simplewebauthn/browser in components/hosted/passkey-*.tsx. Every
 * action re-reads the app and, where a user is needed, the hosted session
 * cookie (lib/passkeys/hosted-account.ts): nothing here trusts a user id or a
 * session from the browser.
 */
import { type AppRow, findLiveApp } from "@/lib/apps/find-app";
import { isAppError } from "@/lib/errors";
import { loginPath } from "@/lib/hosted/flow-cookie";
import { continueToMfa } from "@/lib/hosted/mfa-flow";
import { hostedErrorMessage } from "@/lib/hosted/hosted-error";
import { hostedRateLimit } from "@/lib/hosted/rate-limit";
import { hostedLocale, hostedRequest } from "@/lib/hosted/request-ctx";
import type { Translator } from "@/lib/i18n/translate";
import { beginLogin } from "@/lib/passkeys/begin-login";
import { beginAddDevice } from "@/lib/passkeys/begin-registration";
import { finishLogin } from "@/lib/passkeys/finish-login";
import { finishAddDevice } from "@/lib/passkeys/finish-registration";
import {
  completeHostedSignIn,
  endHostedAccount,
  handoffFromHostedAccount,
  readHostedAccount,
  skipPasskeyOffer,
} from "@/lib/passkeys/hosted-account";
import { renameDevice } from "@/lib/passkeys/rename-device";
import { revokeDevice } from "@/lib/passkeys/revoke-device";
import { AssertionBody, AttestationBody } from "@/lib/passkeys/schemas";

const TEN_MINUTES = 600;

export type OptionsResult = { options: Record<string, unknown> } | { error: string };
export type DoneResult = { url: string } | { error: string };
export type ListActionState = { error?: string; notice?: string };

async function appAndT(appId: string): Promise<{ app: AppRow | null; t: Translator }> {
  const app = typeof appId === "string" && appId.length <= 64 ? await findLiveApp(appId) : null;
  const { t } = await hostedLocale(app);
  return { app, t };
}

/** Options for "Sign in with a passkey" and for autofill: no identifier, any passkey of the app. */
export async function passkeyLoginOptions(appId: string): Promise<OptionsResult> {
  const { app, t } = await appAndT(appId);
  if (!app) return { error: t("hosted.app_not_found.body") };
  if (!app.passkeysEnabled) return { error: t("hosted.passkeys.disabled") };
  const req = await hostedRequest();
  try {
    await hostedRateLimit(req.ctx, "hosted_passkey_options_ip", req.ctx.ip ? `${app.id}:${req.ctx.ip}` : null, 60, TEN_MINUTES);
    const { options } = await beginLogin({ ctx: req.ctx, input: { appId: app.id, surface: "hosted" } });
    return { options: options as unknown as Record<string, unknown> };
  } catch (error) {
    return { error: hostedErrorMessage(t, app, error) };
  }
}

/** Verify the browser's assertion and sign in: the app's callback (handoff) or the "signed in" page. */
export async function finishPasskeyLogin(appId: string, credential: unknown): Promise<DoneResult> {
  const { app, t } = await appAndT(appId);
  if (!app) return { error: t("hosted.app_not_found.body") };
  const parsed = AssertionBody.safeParse(credential);
  if (!parsed.success) return { error: t("hosted.passkeys.failed") };
  const req = await hostedRequest();
  try {
    await hostedRateLimit(req.ctx, "hosted_passkey_finish_ip", req.ctx.ip ? `${app.id}:${req.ctx.ip}` : null, 60, TEN_MINUTES);
    const result = await finishLogin({ ctx: req.ctx, input: { appId: app.id, body: parsed.data, request: req.request, surface: "hosted" } });
    // With webauthn_skips_mfa off, a passkey is a first factor: continue at the MFA page.
    const url = (await continueToMfa(app, result)) ?? (await completeHostedSignIn(req, app, result));
    return url ? { url } : { error: t("hosted.error.generic") };
  } catch (error) {
    if (isAppError(error) && ["webauthn_failed", "webauthn_challenge_not_found", "bad_request"].includes(error.code)) {
      return { error: t("hosted.passkeys.failed") };
    }
    if (isAppError(error) && error.code === "passkeys_disabled") return { error: t("hosted.passkeys.disabled") };
    return { error: hostedErrorMessage(t, app, error) };
  }
}

/** Options to add a passkey to the user signed in on the hosted pages. */
export async function addPasskeyOptions(appId: string): Promise<OptionsResult> {
  const { app, t } = await appAndT(appId);
  if (!app) return { error: t("hosted.app_not_found.body") };
  const req = await hostedRequest();
  const principal = await readHostedAccount(app, req.ctx.now);
  if (!principal) return { error: t("hosted.passkeys.signin_required.body") };
  try {
    const { options } = await beginAddDevice({ ctx: req.ctx, input: { app: principal.app, user: principal.user, surface: "hosted" } });
    return { options: options as unknown as Record<string, unknown> };
  } catch (error) {
    if (isAppError(error) && error.code === "passkeys_disabled") return { error: t("hosted.passkeys.disabled") };
    return { error: hostedErrorMessage(t, app, error) };
  }
}

/** Verify and store the browser's new passkey for the hosted session's user. */
export async function finishAddPasskey(appId: string, credential: unknown): Promise<{ ok: true } | { error: string }> {
  const { app, t } = await appAndT(appId);
  if (!app) return { error: t("hosted.app_not_found.body") };
  const req = await hostedRequest();
  const principal = await readHostedAccount(app, req.ctx.now);
  if (!principal) return { error: t("hosted.passkeys.signin_required.body") };
  const parsed = AttestationBody.safeParse(credential);
  if (!parsed.success) return { error: t("hosted.passkeys.add_failed") };
  try {
    await finishAddDevice({
      ctx: req.ctx,
      input: { app: principal.app, user: principal.user, body: parsed.data, userAgent: req.ctx.userAgent, surface: "hosted" },
    });
    return { ok: true };
  } catch (error) {
    if (isAppError(error) && error.code === "credential_exists") return { error: t("hosted.passkeys.add_exists") };
    if (isAppError(error) && ["webauthn_registration_failed", "webauthn_challenge_not_found", "bad_request"].includes(error.code)) {
      return { error: t("hosted.passkeys.add_failed") };
    }
    return { error: hostedErrorMessage(t, app, error) };
  }
}

/**
 * After the passkey offer (added or "Not now", remembered in a cookie): on to
 * the app's callback with a handoff token, or back to the "signed in" page.
 */
export async function leavePasskeyOffer(appId: string, skipped: boolean): Promise<DoneResult> {
  const { app, t } = await appAndT(appId);
  if (!app) return { error: t("hosted.app_not_found.body") };
  if (skipped) await skipPasskeyOffer(app);
  const req = await hostedRequest();
  const url = await handoffFromHostedAccount(req, app);
  return { url: url ?? `${loginPath(app)}/done` };
}

/** Rename one of the hosted session user's passkeys (the passkeys page). */
export async function renamePasskey(appId: string, credentialId: string, _state: ListActionState, formData: FormData): Promise<ListActionState> {
  const { app, t } = await appAndT(appId);
  if (!app) return { error: t("hosted.app_not_found.body") };
  const req = await hostedRequest();
  const principal = await readHostedAccount(app, req.ctx.now);
  if (!principal) return { error: t("hosted.passkeys.signin_required.body") };
  try {
    await renameDevice({
      ctx: req.ctx,
      input: { app, appUserId: principal.user.id, credentialId: String(credentialId), nickname: String(formData.get("nickname") ?? "").slice(0, 256) },
    });
    return { notice: t("hosted.passkeys.list.renamed") };
  } catch (error) {
    if (isAppError(error) && error.code === "validation_failed") return { error: t("hosted.passkeys.list.invalid_name") };
    if (isAppError(error) && error.code === "device_not_found") return { error: t("hosted.passkeys.list.not_found") };
    return { error: hostedErrorMessage(t, app, error) };
  }
}

/**
 * Remove one of the hosted session user's passkeys; sessions it created end
 * (perhaps this page's own). Answers where the browser goes next.
 */
export async function removePasskey(appId: string, credentialId: string): Promise<{ url: string }> {
  const { app } = await appAndT(appId);
  if (!app) return { url: "/" };
  const req = await hostedRequest();
  const principal = await readHostedAccount(app, req.ctx.now);
  const page = `${loginPath(app)}/passkeys`;
  if (!principal) return { url: page };
  try {
    await revokeDevice({ ctx: req.ctx, input: { app, appUserId: principal.user.id, credentialId: String(credentialId) } });
  } catch (error) {
    if (!(isAppError(error) && error.code === "device_not_found")) throw error;
    return { url: `${page}?status=not_found` };
  }
  return { url: `${page}?status=removed` };
}

/** End the hosted session in this browser (and on the server); answers the sign-in page. */
export async function signOutHosted(appId: string): Promise<{ url: string }> {
  const { app } = await appAndT(appId);
  if (!app) return { url: "/" };
  await endHostedAccount(await hostedRequest(), app, "sign_out");
  return { url: loginPath(app) };
}
