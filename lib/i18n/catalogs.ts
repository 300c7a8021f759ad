/**
 * The message catalogs, one data file per language under ./locales. Adding a
 * language is a new file typed `Catalog` plus its line here. Used by the
 * emails now and by the hosted pages later.
 */
import en, { type Catalog, type MessageKey } from "./locales/en";
import es from "./locales/es";

export type { Catalog, MessageKey };

export const CATALOGS = { en, es } as const satisfies Record<string, Catalog>;

export type Locale = keyof typeof CATALOGS;

export const DEFAULT_LOCALE: Locale = "en";

export function isLocale(value: string): value is Locale {
  return Object.hasOwn(CATALOGS, value);
}
