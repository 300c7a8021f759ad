"use client";

/**
 * "Sign in with a passkey" and passkey autofill (conditional mediation on the
 * identifier field, whose autocomplete carries `webauthn`) on the hosted
 * sign-in page (spec §9.3–9.4). Renders nothing while the app has passkeys off.
 * Also tells the server (a non-secret hint cookie) whether this browser has a
 * platform authenticator, so a link or code sign-in here may offer a passkey.
 */
import {
  browserSupportsWebAuthn,
  browserSupportsWebAuthnAutofill,
  platformAuthenticatorIsAvailable,
  type PublicKeyCredentialRequestOptionsJSON,
  startAuthentication,
} from "@simplewebauthn/browser";
import { useCallback, useEffect, useRef, useState } from "react";
import { finishPasskeyLogin, passkeyLoginOptions } from "@/app/(hosted)/passkey-actions";
import { ceremonyErrorKind, type PasskeyStrings, passkeyStrings } from "@/components/hosted/passkey-strings";

const HINT_COOKIE = "tessera_webauthn";

export function PasskeySignIn({ appId, enabled, color }: { appId: string; enabled: boolean; color: string }) {
  const root = useRef<HTMLDivElement>(null);
  const [s, setStrings] = useState<PasskeyStrings>(() => passkeyStrings("en"));
  const [supported, setSupported] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const done = useRef(false);

  /** Run one ceremony: options from the server, the browser's passkey, then the server signs in. */
  const ceremony = useCallback(
    async (autofill: boolean, t: PasskeyStrings) => {
      const opts = await passkeyLoginOptions(appId);
      if ("error" in opts) {
        if (!autofill) setError(opts.error);
        return;
      }
      let credential: unknown;
      try {
        credential = await startAuthentication({
          optionsJSON: opts.options as unknown as PublicKeyCredentialRequestOptionsJSON,
          useBrowserAutofill: autofill,
        });
      } catch (e) {
        const kind = ceremonyErrorKind(e);
        if (kind === "aborted") return; // replaced by the button's ceremony, or the page moved on
        if (!autofill) setError(kind === "cancelled" ? t("hosted.passkeys.cancelled") : t("hosted.passkeys.failed"));
        return;
      }
      const result = await finishPasskeyLogin(appId, credential);
      if ("url" in result) {
        done.current = true;
        window.location.assign(result.url);
      } else {
        setError(result.error);
      }
    },
    [appId],
  );

  useEffect(() => {
    if (!enabled) return;
    const t = passkeyStrings(root.current?.closest("[lang]")?.getAttribute("lang"));
    setStrings(() => t);
    const ok = browserSupportsWebAuthn();
    setSupported(ok);
    if (!ok) return;
    let cancelled = false;
    void (async () => {
      const platform = await platformAuthenticatorIsAvailable().catch(() => false);
      document.cookie = `${HINT_COOKIE}=${platform ? "1" : "0"}; path=/; max-age=31536000; samesite=lax`;
      if (cancelled || !(await browserSupportsWebAuthnAutofill().catch(() => false))) return;
      await ceremony(true, t).catch(() => undefined);
    })();
    return () => {
      cancelled = true;
    };
  }, [enabled, ceremony]);

  if (!enabled) return null;

  const onClick = async () => {
    setError(null);
    if (!browserSupportsWebAuthn()) {
      setError(s("hosted.passkeys.unsupported"));
      return;
    }
    setBusy(true);
    try {
      await ceremony(false, s);
    } catch {
      setError(s("hosted.passkeys.failed"));
    } finally {
      if (!done.current) setBusy(false);
    }
  };

  return (
    <div ref={root} className="mt-6" data-passkeys={supported === null ? "pending" : supported ? "supported" : "unsupported"}>
      <div className="flex items-center gap-3 text-xs uppercase tracking-wide text-slate-500" aria-hidden="true">
        <span className="h-px flex-1 bg-slate-200" />
        {s("hosted.passkeys.divider")}
        <span className="h-px flex-1 bg-slate-200" />
      </div>
      <button
        type="button"
        onClick={onClick}
        disabled={busy}
        className="mt-4 flex w-full items-center justify-center gap-2 rounded-lg border border-slate-300 bg-white px-4 py-2.5 text-sm font-medium text-slate-900 hover:bg-slate-50 disabled:opacity-60 focus-visible:outline-2 focus-visible:outline-offset-2"
        style={{ outlineColor: color }}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="1.8">
          <circle cx="9" cy="8" r="4" />
          <path d="M2 20c0-3.3 3.1-6 7-6 1.2 0 2.3.2 3.3.7" />
          <circle cx="18" cy="13" r="2.5" />
          <path d="M18 15.5V21l1.5-1.2M18 18.5l1.5 1" />
        </svg>
        {busy ? s("hosted.passkeys.signing_in") : s("hosted.passkeys.sign_in")}
      </button>
      {supported === false ? <p className="mt-3 text-sm text-slate-600">{s("hosted.passkeys.unsupported")}</p> : null}
      {error ? (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
