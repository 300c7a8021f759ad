/**
 * TOTP second factors (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps) on
 * the maintained `otpauth` library. The secret is stored only sealed with the
 * instance secret (lib/crypto.ts encryptSecret); a code is accepted in the
 * current step or one step either side (clock drift), and never in a step at
 * or before the last one used, so a code read over a shoulder cannot be
 * replayed within its window.
 */
import { Secret, TOTP } from "otpauth";
import { decryptSecret, encryptSecret } from "@/lib/crypto";

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of the current one. */
export const TOTP_WINDOW = 1;
const SEAL_PURPOSE = "mfa-totp-secret";

/** A new random 160-bit secret, base32 (what authenticator apps take). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpOf(secretBase32: string, label = "user", issuer = "Tessera"): TOTP {
  return new TOTP({
    issuer,
    label,
    algorithm: "SHA1",
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** The `otpauth://totp/…` URI an authenticator app scans. */
export function provisioningUri(secretBase32: string, opts: { issuer: string; label: string }): string {
  return totpOf(secretBase32, opts.label, opts.issuer).toString();
}

/** The code of `secretBase32` at `now` (tests and the hosted page's preview only). */
export function totpCodeAt(secretBase32: string, now: Date): string {
  return totpOf(secretBase32).generate({ timestamp: now.getTime() });
}

/** The 30-second step number of `now`. */
export function totpStepAt(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/**
 * The step `code` belongs to when it is valid at `now` within the window and
 * later than `lastUsedStep`; null otherwise. Malformed codes are null.
 */
export function matchTotp(secretBase32: string, code: string, now: Date, lastUsedStep: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpOf(secretBase32).validate({ token: code, timestamp: now.getTime(), window: TOTP_WINDOW });
  if (delta === null) return null;
  const step = totpStepAt(now) + delta;
  if (lastUsedStep !== null && step <= lastUsedStep) return null;
  return step;
}

export const sealTotpSecret = (secretBase32: string): string => encryptSecret(secretBase32, SEAL_PURPOSE);
export const openTotpSecret = (sealed: string): string => decryptSecret(sealed, SEAL_PURPOSE);
