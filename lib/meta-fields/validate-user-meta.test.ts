import { describe, expect, it } from "vitest";
import type { MetaFieldRow } from "@/lib/meta-fields/list-meta-fields";
import { snakeCase } from "@/lib/meta-fields/field-name";
import { isCalendarDate, missingRequiredMeta, validateUserMeta } from "@/lib/meta-fields/validate-user-meta";

const now = new Date();
const f = (fieldName: string, fieldType: MetaFieldRow["fieldType"], required = false): MetaFieldRow => ({
  id: fieldName,
  appId: "app",
  name: fieldName,
  fieldName,
  fieldType,
  required,
  visibleProfile: true,
  visibleRegistration: false,
  position: 0,
  asVerificationIdentifier: false,
  createdAt: now,
  updatedAt: now,
});
const FIELDS = [
  f("s", "string"),
  f("b", "boolean"),
  f("i", "integer"),
  f("d", "date"),
  f("p", "phone"),
  f("e", "email"),
  f("t", "text"),
  f("u", "url"),
  f("req", "string", true),
];
const one = (key: string, value: unknown) => validateUserMeta(FIELDS, { [key]: value });

describe("validateUserMeta", () => {
  it.each([
    ["s", "=HYPERLINK(\"x\")", "=HYPERLINK(\"x\")"],
    ["s", "<script>alert(1)</script>", "<script>alert(1)</script>"],
    ["b", true, true],
    ["b", "false", false],
    ["b", "1", true],
    ["b", "0", false],
    ["i", 42, 42],
    ["i", "-17", -17],
    ["d", "2024-02-29", "2024-02-29"],
    ["p", "+1 415 555 2671", "+14155552671"],
    ["e", " Ada@Example.com ", "Ada@Example.com"],
    ["t", "x".repeat(5000), "x".repeat(5000)],
    ["u", "https://example.com/a?b=1", "https://example.com/a?b=1"],
    ["s", null, null],
  ])("accepts %s = %j", (key, value, expected) => {
    expect(one(key, value)).toEqual({ valid: { [key]: expected }, errors: {} });
  });

  it.each([
    ["s", 12],
    ["s", "x".repeat(257)],
    ["b", "yes"],
    ["b", "toString"],
    ["b", 1],
    ["i", "12a"],
    ["i", 1.5],
    ["i", "99999999999999999"],
    ["d", "2024-02-30"],
    ["d", "2023-02-29"],
    ["d", "2024-13-01"],
    ["d", "24-01-01"],
    ["p", "4155552671"],
    ["p", "+1 555"],
    ["e", "not-an-email"],
    ["e", "a＠b.co"],
    ["t", "x".repeat(10_001)],
    ["u", "javascript:alert(1)"],
    ["u", "ftp://example.com"],
    ["u", "https://user:pass@example.com"],
  ])("refuses %s = %j with a message", (key, value) => {
    const r = one(key, value);
    expect(r.valid).toEqual({});
    expect(r.errors[key]?.[0]).toMatch(/^must /);
  });

  it("reports undeclared keys, prototype keys included, without touching the prototype", () => {
    const meta = JSON.parse('{"__proto__": {"admin": true}, "constructor": 1, "nope": "x", "s": "ok"}');
    const r = validateUserMeta(FIELDS, meta);
    expect(r.valid).toEqual({ s: "ok" });
    expect(Object.keys(r.errors).sort()).toEqual(["__proto__", "constructor", "nope"]);
    expect(Object.getPrototypeOf(r.errors)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(r.valid)).toBe(Object.prototype);
  });

  it("checks required fields only with requireAll", () => {
    expect(validateUserMeta(FIELDS, {}).errors).toEqual({});
    expect(validateUserMeta(FIELDS, {}, { requireAll: true }).errors).toEqual({ req: ["is required"] });
    expect(validateUserMeta(FIELDS, { req: "" }, { requireAll: true }).errors).toEqual({ req: ["is required"] });
    expect(validateUserMeta(FIELDS, { req: 5 }, { requireAll: true }).errors).toEqual({ req: ["must be a string"] });
    expect(validateUserMeta(FIELDS, { req: "x" }, { requireAll: true }).errors).toEqual({});
    expect(missingRequiredMeta(FIELDS, { req: "x" })).toBe(false);
    expect(missingRequiredMeta(FIELDS, null)).toBe(true);
  });

  it("knows real calendar days", () => {
    expect(isCalendarDate("2000-02-29")).toBe(true);
    expect(isCalendarDate("1900-02-29")).toBe(false);
    expect(isCalendarDate("2024-04-31")).toBe(false);
  });
});

describe("snakeCase", () => {
  it.each([
    ["First name", "first_name"],
    ["companyName", "company_name"],
    ["  Téléphone  pro ", "telephone_pro"],
    ["2nd email", "field_2nd_email"],
    ["!!!", ""],
  ])("%j → %j", (name, expected) => expect(snakeCase(name)).toBe(expected));
});
