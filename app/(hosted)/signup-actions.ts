"use server";

import { redirect } from "next/navigation";
import { type AppRow, findLiveApp, findLiveAppCached } from "@/lib/apps/find-app";
import { isAppError } from "@/lib/errors";
import { hostedErrorMessage } from "@/lib/hosted/hosted-error";
import { hostedRateLimit } from "@/lib/hosted/rate-limit";
import { type HostedRequest, hostedLocale, hostedRequest } from "@/lib/hosted/request-ctx";
import { IDENTIFIER_FIELD, type SignUpFormState } from "@/lib/hosted/sign-up-shared";
import { readSignUpForm, registrationFields } from "@/lib/hosted/sign-up";
import { startHostedFlow } from "@/lib/hosted/start-hosted-flow";
import { type Identifier, parseIdentifier } from "@/lib/identifiers/parse-identifier";
import type { Translator } from "@/lib/i18n/translate";
import { listMetaFields } from "@/lib/meta-fields/list-meta-fields";
import { beginRegistration } from "@/lib/passkeys/begin-registration";
import { finishRegistration } from "@/lib/passkeys/finish-registration";
import { completeHostedSignIn } from "@/lib/passkeys/hosted-account";
import { AttestationBody } from "@/lib/passkeys/schemas";

const TEN_MINUTES = 600;
const IDENTIFIER_ERRORS = ["invalid_identifier", "invalid_email", "invalid_phone", "empty_phone"];

type FormErrors = Pick<SignUpFormState, "error" | "fieldErrors" | "values">;
type CheckedForm = { ok: true; raw: string; identifier: Identifier; meta: Record<string, unknown>; values: Record<string, string> } | ({ ok: false } & FormErrors);

const identifierMessage = (t: Translator, app: AppRow) =>
  t(app.allowedIdentifiers.includes("phone") ? "hosted.error.invalid_identifier_any" : "hosted.error.invalid_identifier");

/**
 * Read and check the sign-up form: the identifier (one of the app's allowed
 * kinds) and the app's registration fields, each with the API's rules and
 * its own message. Shared by both ways to sign up.
 */
async function checkSignUpForm(app: AppRow, t: Translator, formData: FormData): Promise<CheckedForm> {
  const metaRows = await listMetaFields(app.id);
  const fields = await registrationFields(app);
  const form = readSignUpForm(formData, fields, metaRows);
  const fieldErrors: Record<string, string> = {};
  for (const [name, key] of Object.entries(form.errors)) fieldErrors[name] = t(key);
  const identifier = parseIdentifier(form.raw);
  if (!identifier || !app.allowedIdentifiers.includes(identifier.kind)) fieldErrors[IDENTIFIER_FIELD] = identifierMessage(t, app);
  if (!identifier || Object.keys(fieldErrors).length) {
    return { ok: false, error: t("hosted.signup.fix_fields"), fieldErrors, values: form.values };
  }
  return { ok: true, raw: form.raw, identifier, meta: form.meta, values: form.values };
}

/**
 * The hosted sign-up form: the identifier plus the app's registration fields
 * (meta fields marked `visible_registration`), each checked with the API's
 * rules and reported next to its field; then the same link or code as sign-in,
 * of kind register, carrying the typed values (spec §7.2, §8.1).
 */
export async function startSignUp(appId: string, previous: SignUpFormState, formData: FormData): Promise<SignUpFormState> {
  const app = await findLiveAppCached(appId);
  const { t } = await hostedLocale(app);
  const failed = (patch: Partial<SignUpFormState>): SignUpFormState => ({
    error: null,
    fieldErrors: {},
    values: {},
    ...patch,
    attempt: previous.attempt + 1,
  });
  if (!app) return failed({ error: t("hosted.app_not_found.body") });
  if (!app.publicSignup) return failed({ error: t("hosted.signup.closed", { app: app.name }) });

  const form = await checkSignUpForm(app, t, formData);
  if (!form.ok) return failed(form);

  let req: HostedRequest | null = null;
  let next: string;
  try {
    req = await hostedRequest();
    next = await startHostedFlow(req, app, { raw: form.raw, identifier: form.identifier, register: true, userMeta: form.meta });
  } catch (error) {
    if (isAppError(error) && IDENTIFIER_ERRORS.includes(error.code)) {
      return failed({ fieldErrors: { [IDENTIFIER_FIELD]: identifierMessage(t, app) }, values: form.values });
    }
    return failed({ error: hostedErrorMessage(t, app, error), values: form.values });
  }
  redirect(next);
}

/** The first step of "Sign up with a passkey": creation options, somewhere else to go, or what to fix. */
export type PasskeySignUpStart = { options: Record<string, unknown> } | { url: string } | ({ failed: true } & FormErrors);

/**
 * "Sign up with a passkey" on the hosted sign-up page (spec §9.1 for the
 * hosted RP): the same form and checks as the link or code sign-up, then
 * creation options for a new `pending` user carrying the typed fields.
 *
 * An identifier that already has an account (409 identifier_taken: §9.1
 * never adds a passkey to an existing account without a sign-in) is not
 * reported as such: the browser continues to the sign-in link or code for
 * it, as the link or code sign-up does for a known address. The typed
 * fields are dropped there: an unauthenticated form never writes to an
 * existing account.
 */
export async function passkeySignUpOptions(appId: string, formData: FormData): Promise<PasskeySignUpStart> {
  const app = typeof appId === "string" && appId.length <= 64 ? await findLiveApp(appId) : null;
  const { t } = await hostedLocale(app);
  const failed = (patch: Partial<FormErrors>) => ({ failed: true as const, error: null, fieldErrors: {}, values: {}, ...patch });
  if (!app) return failed({ error: t("hosted.app_not_found.body") });
  if (!app.publicSignup) return failed({ error: t("hosted.signup.closed", { app: app.name }) });
  if (!app.passkeysEnabled) return failed({ error: t("hosted.passkeys.disabled") });
  if (!(formData instanceof FormData)) return failed({ error: t("hosted.error.generic") });

  const form = await checkSignUpForm(app, t, formData);
  if (!form.ok) return { failed: true, error: form.error, fieldErrors: form.fieldErrors, values: form.values };

  const req = await hostedRequest();
  try {
    // beginRegistration creates a pending user: limit it like the link and code sends.
    await hostedRateLimit(req.ctx, "hosted_passkey_signup_ip", req.ctx.ip ? `${app.id}:${req.ctx.ip}` : null, 30, TEN_MINUTES);
    await hostedRateLimit(req.ctx, "hosted_passkey_signup_identifier", `${app.id}:${form.identifier.normalized}`, 10, TEN_MINUTES);
    const { options } = await beginRegistration({
      ctx: req.ctx,
      input: { appId: app.id, identifier: form.raw, userMeta: form.meta, surface: "hosted" },
    });
    return { options: options as unknown as Record<string, unknown> };
  } catch (error) {
    if (isAppError(error) && error.code === "identifier_taken") {
      try {
        return { url: await startHostedFlow(req, app, { raw: form.raw, identifier: form.identifier }) };
      } catch (fallbackError) {
        return failed({ error: hostedErrorMessage(t, app, fallbackError), values: form.values });
      }
    }
    if (isAppError(error) && IDENTIFIER_ERRORS.includes(error.code)) {
      return failed({ fieldErrors: { [IDENTIFIER_FIELD]: identifierMessage(t, app) }, values: form.values });
    }
    if (isAppError(error) && error.code === "passkeys_disabled") return failed({ error: t("hosted.passkeys.disabled") });
    return failed({ error: hostedErrorMessage(t, app, error), values: form.values });
  }
}

/**
 * Verify the new passkey (spec §9.2: stored, user activated with the typed
 * fields, a `webauthn` session started) and hand the browser on like every
 * hosted sign-in: the app's callback with a handoff token, or the "signed
 * in" page. The email stays unverified, as §9.2 leaves it: a passkey proves
 * the device, not the mailbox.
 */
export async function finishPasskeySignUp(appId: string, credential: unknown): Promise<{ url: string } | { error: string }> {
  const app = typeof appId === "string" && appId.length <= 64 ? await findLiveApp(appId) : null;
  const { t } = await hostedLocale(app);
  if (!app) return { error: t("hosted.app_not_found.body") };
  const parsed = AttestationBody.safeParse(credential);
  if (!parsed.success) return { error: t("hosted.passkeys.signup.failed") };
  const req = await hostedRequest();
  try {
    await hostedRateLimit(req.ctx, "hosted_passkey_finish_ip", req.ctx.ip ? `${app.id}:${req.ctx.ip}` : null, 60, TEN_MINUTES);
    const { payload } = await finishRegistration({ ctx: req.ctx, input: { appId: app.id, body: parsed.data, request: req.request, surface: "hosted" } });
    const url = await completeHostedSignIn(req, app, payload);
    return url ? { url } : { error: t("hosted.error.generic") };
  } catch (error) {
    const failedCodes = ["webauthn_registration_failed", "webauthn_challenge_not_found", "credential_exists", "identifier_taken", "bad_request"];
    if (isAppError(error) && failedCodes.includes(error.code)) return { error: t("hosted.passkeys.signup.failed") };
    if (isAppError(error) && error.code === "passkeys_disabled") return { error: t("hosted.passkeys.disabled") };
    return { error: hostedErrorMessage(t, app, error) };
  }
}
