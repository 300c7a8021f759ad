/**
 * The passkey strings for client components that receive no translator:
 * the hosted catalogs of the page's language (the `lang` of the nearest
 * element, set by HostedShell), English otherwise.
 */
import enPasskeys from "@/lib/i18n/locales/passkeys.en";
import esPasskeys from "@/lib/i18n/locales/passkeys.es";

export type PasskeyKey = keyof typeof enPasskeys;
export type PasskeyStrings = (key: PasskeyKey) => string;

const CATALOGS: Record<string, Record<PasskeyKey, string>> = { en: enPasskeys, es: esPasskeys };

export function passkeyStrings(lang: string | null | undefined): PasskeyStrings {
  const catalog = CATALOGS[(lang ?? "en").slice(0, 2).toLowerCase()] ?? enPasskeys;
  return (key) => catalog[key] ?? enPasskeys[key];
}

/** Browser errors of a ceremony: the user cancelled (or it timed out), another ceremony replaced it, or something else. */
export function ceremonyErrorKind(error: unknown): "cancelled" | "aborted" | "exists" | "other" {
  if (!(error instanceof Error)) return "other";
  const code = (error as { code?: string }).code;
  if (code === "ERROR_CEREMONY_ABORTED" || error.name === "AbortError") return "aborted";
  if (code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED" || error.name === "InvalidStateError") return "exists";
  if (error.name === "NotAllowedError") return "cancelled";
  return "other";
}
