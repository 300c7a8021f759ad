import { CATALOGS, type Locale, type MessageKey } from "@/lib/i18n/catalogs";

export type MessageVars = Record<string, string | number>;
export type Translator = (key: MessageKey, vars?: MessageVars) => string;

const pluralRules = new Map<Locale, Intl.PluralRules>();

function pluralCategory(locale: Locale, count: number): "one" | "other" {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return rules.select(count) === "one" ? "one" : "other";
}

/**
 * The message `key` in `locale` with `{placeholders}` filled from `vars`
 * (plural entries pick their form by `vars.count`). Values are inserted as
 * plain text: HTML escaping is the renderer's job (React does it).
 */
export function translate(locale: Locale, key: MessageKey, vars: MessageVars = {}): string {
  const entry = CATALOGS[locale][key];
  const template = typeof entry === "string" ? entry : entry[pluralCategory(locale, Number(vars.count ?? 0))];
  // One pass over the template: a value containing `{x}` is never expanded again.
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(vars, name) ? String(vars[name]) : whole));
}

/** `translate` bound to one locale. */
export function translator(locale: Locale): Translator {
  return (key, vars) => translate(locale, key, vars);
}
