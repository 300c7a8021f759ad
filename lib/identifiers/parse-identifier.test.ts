import { describe, expect, it } from "vitest";
import { looksLikePhone, parseEmail, parseIdentifier, parsePhone } from "./parse-identifier";

describe("parseEmail", () => {
  it("accepts plain addresses and lowercases the lookup form only", () => {
    expect(parseEmail("  Ada.Lovelace+x@Example.COM ")).toEqual({
      value: "Ada.Lovelace+x@Example.COM",
      normalized: "ada.lovelace+x@example.com",
    });
    expect(parseEmail("a@xn--bcher-kva.de")?.normalized).toBe("a@xn--bcher-kva.de");
  });

  it("refuses look-alikes, missing parts and oversize input", () => {
    for (const bad of [
      "ada＠example.com", // full-width @
      "ada@exаmple.com", // Cyrillic а
      "ada@example",
      "@example.com",
      "ada@@example.com",
      "ada@example.com\u0000",
      "ada example@example.com",
      "a..b@example.com",
      `${"a".repeat(65)}@example.com`,
      `a@${"b".repeat(250)}.com`,
      "",
    ]) {
      expect(parseEmail(bad), bad).toBeNull();
    }
  });
});

describe("parsePhone", () => {
  it("normalises valid international numbers to E.164", () => {
    expect(parsePhone("+1 (415) 555-0123")).toBe("+14155550123");
    expect(parsePhone("+44 20 7946 0958")).toBe("+442079460958");
  });

  it("refuses numbers without a country code, letters and impossible numbers", () => {
    for (const bad of ["4155550123", "+1 415 CALL NOW", "+999 123", "+1", "++14155550123"]) {
      expect(parsePhone(bad), bad).toBeNull();
    }
  });
});

describe("parseIdentifier", () => {
  it("routes by the SDK's phone rule", () => {
    expect(looksLikePhone("+1 (415) 555-0123")).toBe(true);
    expect(parseIdentifier("+1 415 555 0123")).toEqual({ kind: "phone", value: "+14155550123", normalized: "+14155550123" });
    expect(parseIdentifier("A@b.co")).toEqual({ kind: "email", value: "A@b.co", normalized: "a@b.co" });
    expect(parseIdentifier("12345")).toBeNull();
    expect(parseIdentifier("not an identifier")).toBeNull();
  });
});
