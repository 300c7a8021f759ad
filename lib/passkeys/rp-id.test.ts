import { describe, expect, it } from "vitest";
import { AppSettingsSchema, CreateAppBody } from "@/lib/apps/schemas";
import { hostWithinRpId, rpIdFormProblem, rpIdOriginsProblem } from "@/lib/passkeys/rp-id";

describe("rpIdFormProblem", () => {
  it("accepts registrable domains and their subdomains, IDNs in xn-- form, and localhost", () => {
    for (const ok of ["example.com", "login.example.com", "example.co.uk", "xn--bcher-kva.example", "a-b.example.org", "localhost"]) {
      expect(rpIdFormProblem(ok), ok).toBeNull();
    }
  });

  it("refuses single-label ids and the common multi-label public suffixes", () => {
    for (const bad of ["com", "uk", "internal", "co.uk", "com.au", "co.jp", "github.io", "vercel.app", "herokuapp.com"]) {
      expect(rpIdFormProblem(bad), bad).toMatch(/public suffix/);
    }
  });

  it("refuses what is not a bare domain name: scheme, port, path, wildcard, IP address, empty labels, bad dashes", () => {
    for (const bad of [
      "https://example.com",
      "example.com:443",
      "example.com/",
      "*.example.com",
      "exa mple.com",
      "127.0.0.1",
      "10.0.0.1",
      "[::1]",
      "example..com",
      ".example.com",
      "example.com.",
      "-example.com",
      "example-.com",
      "Example.com",
      "bücher.example",
      "",
      `${"a".repeat(64)}.com`,
      `${"a.".repeat(127)}com`,
    ]) {
      expect(rpIdFormProblem(bad), bad).not.toBeNull();
    }
  });
});

describe("rpIdOriginsProblem", () => {
  it("accepts the origin's host itself and any parent domain of every origin", () => {
    expect(rpIdOriginsProblem("example.com", ["https://login.example.com"])).toBeNull();
    expect(rpIdOriginsProblem("login.example.com", ["https://login.example.com"])).toBeNull();
    expect(rpIdOriginsProblem("example.com", ["https://login.example.com", "https://www.example.com:8443", "https://example.com"])).toBeNull();
    expect(rpIdOriginsProblem("localhost", ["http://localhost:3000"])).toBeNull();
  });

  it("refuses a suffix that is not on a label boundary, a sibling, a subdomain of the origin, or an id one origin is outside", () => {
    expect(rpIdOriginsProblem("ample.com", ["https://login.example.com"])).toMatch(/login\.example\.com is not within ample\.com/);
    expect(rpIdOriginsProblem("other.example.com", ["https://login.example.com"])).not.toBeNull();
    expect(rpIdOriginsProblem("a.login.example.com", ["https://login.example.com"])).not.toBeNull();
    expect(rpIdOriginsProblem("example.com", ["https://login.example.com", "https://app.example.net"])).toMatch(/app\.example\.net/);
    expect(rpIdOriginsProblem("example.com", ["not a url"])).not.toBeNull();
  });

  it("pairs hosts and RP IDs on label boundaries only", () => {
    expect(hostWithinRpId("a.b.example.com", "example.com")).toBe(true);
    expect(hostWithinRpId("badexample.com", "example.com")).toBe(false);
  });
});

describe("webauthn_rp_id in the app settings schema", () => {
  const create = (fields: Record<string, unknown>) => CreateAppBody.safeParse({ name: "Acme", origin: "https://login.example.com", ...fields });
  const issuesOf = (r: ReturnType<typeof create>) => (r.success ? [] : r.error.issues.map((i) => [i.path.join("."), i.code]));

  it("lower-cases and trims, and clears with null or an empty string", () => {
    expect(AppSettingsSchema.parse({ webauthn_rp_id: "  Example.COM " }).webauthn_rp_id).toBe("example.com");
    expect(AppSettingsSchema.parse({ webauthn_rp_id: null }).webauthn_rp_id).toBeNull();
    expect(AppSettingsSchema.parse({ webauthn_rp_id: "" }).webauthn_rp_id).toBeNull();
    expect(AppSettingsSchema.parse({}).webauthn_rp_id).toBeUndefined();
  });

  it("refuses a malformed id or a public suffix as a rule violation (422), a non-string as malformed (400)", () => {
    expect(issuesOf(create({ webauthn_rp_id: "com" }))).toEqual([["webauthn_rp_id", "custom"]]);
    expect(issuesOf(create({ webauthn_rp_id: "co.uk" }))).toEqual([["webauthn_rp_id", "custom"]]);
    expect(issuesOf(create({ webauthn_rp_id: 5 }))).toEqual([["webauthn_rp_id", "invalid_type"]]);
  });

  it("checks the id against origin and additional_origins on create", () => {
    expect(create({ webauthn_rp_id: "example.com" }).success).toBe(true);
    expect(create({ webauthn_rp_id: "example.com", additional_origins: ["https://www.example.com"] }).success).toBe(true);
    expect(issuesOf(create({ webauthn_rp_id: "ample.com" }))).toEqual([["webauthn_rp_id", "custom"]]);
    expect(issuesOf(create({ webauthn_rp_id: "example.com", additional_origins: ["https://example.org"] }))).toEqual([
      ["webauthn_rp_id", "custom"],
    ]);
  });
});
