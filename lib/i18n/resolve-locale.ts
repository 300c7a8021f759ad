import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/catalogs";

/** A supported locale for a tag like `es`, `es-MX` or `ES_es`, or null. */
export function matchLocale(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  const base = tag.trim().toLowerCase().replace("_", "-").split("-")[0] ?? "";
  return isLocale(base) ? base : null;
}

/** Supported locales named by an Accept-Language header, best first (q-values honoured). */
export function acceptedLocales(header: string | null | undefined): Locale[] {
  if (!header) return [];
  const ranked = header
    .slice(0, 1024)
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([01](?:\.\d{1,3})?)\s*$/.exec(p)?.[1]).find(Boolean);
      return { locale: matchLocale(tag), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((r): r is { locale: Locale; q: number; index: number } => r.locale !== null && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return [...new Set(ranked.map((r) => r.locale))];
}

/**
 * The language of a message or page: an explicit choice (e.g. a `language`
 * argument) first, then the app's `default_language`, then the request's
 * Accept-Language, then English. Unsupported values are skipped, never errors.
 */
export function resolveLocale(opts: {
  explicit?: string | null;
  appDefault?: string | null;
  acceptLanguage?: string | null;
}): Locale {
  return (
    matchLocale(opts.explicit) ?? matchLocale(opts.appDefault) ?? acceptedLocales(opts.acceptLanguage)[0] ?? DEFAULT_LOCALE
  );
}
