"use client";

/**
 * "Sign up with a passkey" on the hosted sign-up page (spec §9.1–9.2 for the
 * hosted RP): the sign-up form's own fields go to the server, which checks
 * them like the link or code sign-up and answers creation options; the
 * browser creates the passkey (@simplewebauthn/browser); the server verifies
 * it, signs the new user in and says where to go.
 */
import { browserSupportsWebAuthn, type PublicKeyCredentialCreationOptionsJSON, startRegistration } from "@simplewebauthn/browser";
import { type RefObject, useState, useSyncExternalStore } from "react";
import { finishPasskeySignUp, passkeySignUpOptions } from "@/app/(hosted)/signup-actions";
import { ceremonyErrorKind } from "@/components/hosted/passkey-strings";
import type { SignUpFormState } from "@/lib/hosted/sign-up-shared";

export interface PasskeySignUpLabels {
  divider: string;
  button: string;
  creating: string;
  hint: string;
  cancelled: string;
  failed: string;
  unsupported: string;
}

// Support never changes while the page is open: nothing to subscribe to.
const noSubscription = () => () => undefined;

export type FormErrors = Pick<SignUpFormState, "error" | "fieldErrors" | "values">;

export function PasskeySignUp({
  appId,
  color,
  labels,
  form,
  onFormErrors,
}: {
  appId: string;
  color: string;
  labels: PasskeySignUpLabels;
  /** The sign-up form whose fields are sent. */
  form: RefObject<HTMLFormElement | null>;
  /** Show (or, with empty errors, clear) the field and form errors the server found. */
  onFormErrors: (errors: FormErrors) => void;
}) {
  // null while rendered on the server (no browser to ask).
  const supported = useSyncExternalStore<boolean | null>(noSubscription, browserSupportsWebAuthn, () => null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const signUp = async () => {
    setError(null);
    if (!browserSupportsWebAuthn()) {
      setError(labels.unsupported);
      return;
    }
    const element = form.current;
    if (!element) return;
    setBusy(true);
    let leaving = false;
    try {
      const start = await passkeySignUpOptions(appId, new FormData(element));
      if ("failed" in start) {
        onFormErrors(start);
        return;
      }
      onFormErrors({ error: null, fieldErrors: {}, values: {} });
      if ("url" in start) {
        leaving = true;
        window.location.assign(start.url);
        return;
      }
      let credential: unknown;
      try {
        credential = await startRegistration({ optionsJSON: start.options as unknown as PublicKeyCredentialCreationOptionsJSON });
      } catch (e) {
        const kind = ceremonyErrorKind(e);
        setError(kind === "cancelled" || kind === "aborted" ? labels.cancelled : labels.failed);
        return;
      }
      const result = await finishPasskeySignUp(appId, credential);
      if ("error" in result) {
        setError(result.error);
        return;
      }
      leaving = true;
      window.location.assign(result.url);
    } catch {
      setError(labels.failed);
    } finally {
      if (!leaving) setBusy(false);
    }
  };

  return (
    <div className="mt-6" data-passkeys={supported === null ? "pending" : supported ? "supported" : "unsupported"}>
      <div className="flex items-center gap-3 text-xs uppercase tracking-wide text-slate-500" aria-hidden="true">
        <span className="h-px flex-1 bg-slate-200" />
        {labels.divider}
        <span className="h-px flex-1 bg-slate-200" />
      </div>
      <button
        type="button"
        onClick={() => void signUp()}
        disabled={busy}
        aria-describedby="passkey-sign-up-hint"
        className="mt-4 flex w-full items-center justify-center gap-2 rounded-lg border border-slate-300 bg-white px-4 py-2.5 text-sm font-medium text-slate-900 hover:bg-slate-50 disabled:opacity-60 focus-visible:outline-2 focus-visible:outline-offset-2"
        style={{ outlineColor: color }}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="1.8">
          <circle cx="9" cy="8" r="4" />
          <path d="M2 20c0-3.3 3.1-6 7-6 1.2 0 2.3.2 3.3.7" />
          <circle cx="18" cy="13" r="2.5" />
          <path d="M18 15.5V21l1.5-1.2M18 18.5l1.5 1" />
        </svg>
        {busy ? labels.creating : labels.button}
      </button>
      <p id="passkey-sign-up-hint" className="mt-2 text-center text-xs text-slate-500">
        {labels.hint}
      </p>
      {supported === false && !error ? <p className="mt-3 text-sm text-slate-600">{labels.unsupported}</p> : null}
      {error ? (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
