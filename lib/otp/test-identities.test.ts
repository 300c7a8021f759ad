import { describe, expect, it } from "vitest";
import { parseIdentifier } from "@/lib/identifiers/parse-identifier";
import { parseOtpIdentifier } from "@/lib/otp/send-otp";
import { isTestIdentity } from "@/lib/otp/test-identities";

const id = (raw: string) => {
  const parsed = parseIdentifier(raw);
  if (!parsed) throw new Error(`unparsable ${raw}`);
  return parsed;
};

describe("test identities (spec §1.11)", () => {
  const on = { testIdentitiesEnabled: true };
  it("covers +scute_test@example.com emails and +1 415 555 01xx phones, only when enabled", () => {
    for (const raw of ["dev+scute_test@example.com", "Dev+SCUTE_TEST@Example.com", "+1 415 555 0100", "+14155550199"]) {
      expect(isTestIdentity(on, id(raw)), raw).toBe(true);
      expect(isTestIdentity({ testIdentitiesEnabled: false }, id(raw)), raw).toBe(false);
    }
    for (const raw of ["dev+scute_test@example.org", "scute_test@example.com", "+14155550200", "+14155551100", "+12025550100"]) {
      expect(isTestIdentity(on, id(raw)), raw).toBe(false);
    }
  });
});

describe("parseOtpIdentifier", () => {
  it("takes phones always and emails only for email_auth_type otp", () => {
    expect(parseOtpIdentifier("+1 202 555 0123", "magic")).toMatchObject({ kind: "phone", value: "+12025550123" });
    expect(parseOtpIdentifier("A@x.test", "otp")).toMatchObject({ kind: "email", normalized: "a@x.test" });
    expect(() => parseOtpIdentifier("a@x.test", "magic")).toThrow(expect.objectContaining({ code: "invalid_identifier" }));
    expect(() => parseOtpIdentifier("2025550123", "otp")).toThrow(expect.objectContaining({ code: "invalid_identifier" }));
  });
});
