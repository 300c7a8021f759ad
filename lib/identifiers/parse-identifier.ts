/**
 * Identifier parsing for sign-in, user creation and lookups. Emails must be
 * plain ASCII addresses with one ASCII `@` (full-width `＠` and other
 * look-alikes are refused, not folded: threats T11); internationalised
 * domains must arrive in their punycode form. Phones are parsed to E.164.
 */
import { parsePhoneNumberFromString } from "libphonenumber-js";

export type Identifier = { kind: "email"; value: string; normalized: string } | { kind: "phone"; value: string; normalized: string };

// Local part: the RFC 5322 "atext" set and dots; domain: LDH labels with a TLD.
const EMAIL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]{0,62}[A-Za-z0-9]$/;

/** A valid email (trimmed) with its lookup form (lowercased), or null. */
export function parseEmail(raw: string): { value: string; normalized: string } | null {
  const value = raw.trim();
  if (value.length > 254 || !EMAIL.test(value)) return null;
  const local = value.slice(0, value.lastIndexOf("@"));
  if (local.length > 64) return null;
  return { value, normalized: value.toLowerCase() };
}

/** A phone number in E.164, or null. Numbers without a `+` country code are refused. */
export function parsePhone(raw: string): string | null {
  const value = raw.trim();
  if (!/^\+[\d\s().-]{6,24}$/.test(value)) return null;
  const phone = parsePhoneNumberFromString(value);
  return phone?.isValid() ? phone.number : null;
}

/** The SDK's rule (spec §8.1): strings of digits, spaces, brackets and dashes are phones. */
export function looksLikePhone(raw: string): boolean {
  return /^\+?[\d\s()-]*$/.test(raw.trim());
}

/** Classify and parse an identifier; null when it is neither a valid email nor a valid phone. */
export function parseIdentifier(raw: string): Identifier | null {
  if (looksLikePhone(raw)) {
    const phone = parsePhone(raw);
    return phone ? { kind: "phone", value: phone, normalized: phone } : null;
  }
  const email = parseEmail(raw);
  return email ? { kind: "email", ...email } : null;
}
