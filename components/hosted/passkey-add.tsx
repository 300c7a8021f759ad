"use client";

/**
 * Add a passkey to the user signed in on the hosted pages (spec §9.5–9.6 for
 * the hosted RP). As the offer after a link or code sign-in it has a "Not
 * now" (remembered) and then continues to the app; on the passkeys page it
 * reloads the list.
 */
import { browserSupportsWebAuthn, type PublicKeyCredentialCreationOptionsJSON, startRegistration } from "@simplewebauthn/browser";
import { useState } from "react";
import { addPasskeyOptions, finishAddPasskey, leavePasskeyOffer } from "@/app/(hosted)/passkey-actions";
import { ceremonyErrorKind } from "@/components/hosted/passkey-strings";

export interface PasskeyAddLabels {
  add: string;
  adding: string;
  skip: string;
  added: string;
  cancelled: string;
  failed: string;
  exists: string;
  unsupported: string;
}

export function PasskeyAdd({
  appId,
  color,
  labels,
  mode,
}: {
  appId: string;
  color: string;
  labels: PasskeyAddLabels;
  mode: "offer" | "manage";
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const leave = async (skipped: boolean) => {
    const result = await leavePasskeyOffer(appId, skipped);
    if ("url" in result) window.location.assign(result.url);
    else setError(result.error);
  };

  const add = async () => {
    setError(null);
    setNotice(null);
    if (!browserSupportsWebAuthn()) {
      setError(labels.unsupported);
      return;
    }
    setBusy(true);
    try {
      const opts = await addPasskeyOptions(appId);
      if ("error" in opts) {
        setError(opts.error);
        return;
      }
      let credential: unknown;
      try {
        credential = await startRegistration({ optionsJSON: opts.options as unknown as PublicKeyCredentialCreationOptionsJSON });
      } catch (e) {
        const kind = ceremonyErrorKind(e);
        setError(kind === "exists" ? labels.exists : kind === "cancelled" || kind === "aborted" ? labels.cancelled : labels.failed);
        return;
      }
      const result = await finishAddPasskey(appId, credential);
      if ("error" in result) {
        setError(result.error);
        return;
      }
      setNotice(labels.added);
      if (mode === "offer") await leave(false);
      else window.location.reload();
    } catch {
      setError(labels.failed);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="mt-6">
      <button
        type="button"
        onClick={add}
        disabled={busy}
        className="inline-flex w-full items-center justify-center rounded-lg px-4 py-2.5 text-sm font-medium text-white disabled:opacity-60 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900"
        style={{ backgroundColor: color }}
      >
        {busy ? labels.adding : labels.add}
      </button>
      {mode === "offer" ? (
        <button
          type="button"
          onClick={() => void leave(true)}
          disabled={busy}
          className="mt-3 inline-flex w-full items-center justify-center rounded-lg border border-slate-300 bg-white px-4 py-2.5 text-sm font-medium text-slate-900 hover:bg-slate-50 disabled:opacity-60"
        >
          {labels.skip}
        </button>
      ) : null}
      {notice ? (
        <p role="status" className="mt-3 text-sm text-emerald-700">
          {notice}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
