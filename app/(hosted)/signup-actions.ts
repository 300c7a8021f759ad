"use server";

import { redirect } from "next/navigation";
import { findLiveAppCached } from "@/lib/apps/find-app";
import { isAppError } from "@/lib/errors";
import { hostedErrorMessage } from "@/lib/hosted/hosted-error";
import { type HostedRequest, hostedLocale, hostedRequest } from "@/lib/hosted/request-ctx";
import { IDENTIFIER_FIELD, type SignUpFormState } from "@/lib/hosted/sign-up-shared";
import { readSignUpForm, registrationFields } from "@/lib/hosted/sign-up";
import { startHostedFlow } from "@/lib/hosted/start-hosted-flow";
import { parseIdentifier } from "@/lib/identifiers/parse-identifier";
import { listMetaFields } from "@/lib/meta-fields/list-meta-fields";

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

  const metaRows = await listMetaFields(app.id);
  const fields = await registrationFields(app);
  const form = readSignUpForm(formData, fields, metaRows);
  const fieldErrors: Record<string, string> = {};
  for (const [name, key] of Object.entries(form.errors)) fieldErrors[name] = t(key);

  const phoneAllowed = app.allowedIdentifiers.includes("phone");
  const identifier = parseIdentifier(form.raw);
  if (!identifier || !app.allowedIdentifiers.includes(identifier.kind)) {
    fieldErrors[IDENTIFIER_FIELD] = t(phoneAllowed ? "hosted.error.invalid_identifier_any" : "hosted.error.invalid_identifier");
  }
  if (!identifier || Object.keys(fieldErrors).length) {
    return failed({ error: t("hosted.signup.fix_fields"), fieldErrors, values: form.values });
  }

  let req: HostedRequest | null = null;
  let next: string;
  try {
    req = await hostedRequest();
    next = await startHostedFlow(req, app, { raw: form.raw, identifier, register: true, userMeta: form.meta });
  } catch (error) {
    if (isAppError(error) && ["invalid_identifier", "invalid_email", "invalid_phone", "empty_phone"].includes(error.code)) {
      return failed({
        fieldErrors: { [IDENTIFIER_FIELD]: t(phoneAllowed ? "hosted.error.invalid_identifier_any" : "hosted.error.invalid_identifier") },
        values: form.values,
      });
    }
    return failed({ error: hostedErrorMessage(t, app, error), values: form.values });
  }
  redirect(next);
}
