import { describe, expect, it } from "vitest";
import { CATALOGS } from "@/lib/i18n/catalogs";
import { acceptedLocales, matchLocale, resolveLocale } from "@/lib/i18n/resolve-locale";
import { translate, translator } from "@/lib/i18n/translate";

describe("catalogs", () => {
  it("every language has exactly the English keys, with the same placeholders", () => {
    const keys = Object.keys(CATALOGS.en).sort();
    for (const [lang, catalog] of Object.entries(CATALOGS)) {
      expect(Object.keys(catalog).sort(), lang).toEqual(keys);
      for (const key of keys) {
        const names = (v: unknown) => [...JSON.stringify(v).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        const en = CATALOGS.en[key as keyof typeof CATALOGS.en];
        const other = catalog[key as keyof typeof catalog];
        expect(new Set(names(other)), `${lang} ${key}`).toEqual(new Set(names(en)));
      }
    }
  });
});

describe("translate", () => {
  it("fills placeholders once, leaves unknown ones, and picks plural forms", () => {
    expect(translate("en", "email.login.subject", { app: "{app} & <b>" })).toBe("Your sign-in link for {app} & <b>");
    expect(translate("en", "email.login.subject")).toBe("Your sign-in link for {app}");
    expect(translate("en", "email.link.expires", { count: 1 })).toContain("1 minute and");
    expect(translate("en", "email.link.expires", { count: 5 })).toContain("5 minutes");
    expect(translator("es")("email.code.expires", { count: 1 })).toBe("Este código caduca en 1 minuto.");
  });
});

describe("resolveLocale", () => {
  it("explicit, then the app default, then Accept-Language, then English", () => {
    expect(resolveLocale({ explicit: "es", appDefault: "en" })).toBe("es");
    expect(resolveLocale({ explicit: "de", appDefault: "es-ES" })).toBe("es");
    expect(resolveLocale({ appDefault: "fr", acceptLanguage: "fr-FR, es;q=0.8, en;q=0.9" })).toBe("en");
    expect(resolveLocale({ appDefault: null, acceptLanguage: "es-MX" })).toBe("es");
    expect(resolveLocale({})).toBe("en");
  });

  it("parses Accept-Language defensively", () => {
    expect(acceptedLocales("en;q=0, es")).toEqual(["es"]);
    expect(acceptedLocales("garbage;;;q=abc,,")).toEqual([]);
    expect(acceptedLocales("x".repeat(5000))).toEqual([]);
    expect(matchLocale("ES_es")).toBe("es");
    expect(matchLocale("__proto__")).toBeNull();
  });
});
