"use client";

import { useState } from "react";
import { removePasskey, signOutHosted } from "@/app/(hosted)/passkey-actions";

/** Sign-out and remove-passkey buttons of the hosted pages: call the action, then go where it says. */
export function PasskeyActionButton({
  appId,
  action,
  credentialId,
  label,
  ariaLabel,
  className,
}: {
  appId: string;
  action: "sign_out" | "remove";
  credentialId?: string;
  label: string;
  ariaLabel?: string;
  className: string;
}) {
  const [busy, setBusy] = useState(false);
  const onClick = async () => {
    setBusy(true);
    try {
      const { url } = action === "remove" ? await removePasskey(appId, String(credentialId)) : await signOutHosted(appId);
      window.location.assign(url);
    } catch {
      setBusy(false);
    }
  };
  return (
    <button type="button" onClick={onClick} disabled={busy} aria-label={ariaLabel} className={className}>
      {label}
    </button>
  );
}
