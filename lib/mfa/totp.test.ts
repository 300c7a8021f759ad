import { describe, expect, it } from "vitest";
import { hashBackupCode, looksLikeBackupCode, newBackupCode, normalizeBackupCode } from "@/lib/mfa/backup-codes";
import { matchTotp, newTotpSecret, openTotpSecret, provisioningUri, sealTotpSecret, totpCodeAt, totpStepAt } from "@/lib/mfa/totp";

describe("TOTP (RFC 6238)", () => {
  const secret = newTotpSecret();
  const now = new Date("2026-01-01T00:00:15Z");

  it("matches the RFC 6238 SHA-1 test vector", () => {
    // RFC 6238 appendix B: secret "12345678901234567890", T = 59 s → 94287082 (8 digits); 6 digits → 287082.
    const rfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    expect(totpCodeAt(rfcSecret, new Date(59_000))).toBe("287082");
  });

  it("accepts the current step and one either side, nothing further", () => {
    const step = totpStepAt(now);
    expect(matchTotp(secret, totpCodeAt(secret, now), now, null)).toBe(step);
    expect(matchTotp(secret, totpCodeAt(secret, new Date(now.getTime() - 30_000)), now, null)).toBe(step - 1);
    expect(matchTotp(secret, totpCodeAt(secret, new Date(now.getTime() + 30_000)), now, null)).toBe(step + 1);
    const far = totpCodeAt(secret, new Date(now.getTime() + 90_000));
    if (far !== totpCodeAt(secret, now)) expect(matchTotp(secret, far, now, null)).toBeNull();
    expect(matchTotp(secret, "12345", now, null)).toBeNull();
    expect(matchTotp(secret, "abcdef", now, null)).toBeNull();
  });

  it("refuses a code of a step at or before the last one used (replay)", () => {
    const step = totpStepAt(now);
    expect(matchTotp(secret, totpCodeAt(secret, now), now, step)).toBeNull();
    expect(matchTotp(secret, totpCodeAt(secret, now), now, step - 1)).toBe(step);
  });

  it("builds an otpauth URI and seals the secret", () => {
    const uri = provisioningUri(secret, { issuer: "Acme", label: "a@example.com" });
    expect(uri).toMatch(/^otpauth:\/\/totp\/Acme:a%40example\.com\?/);
    expect(uri).toContain(`secret=${secret}`);
    const sealed = sealTotpSecret(secret);
    expect(sealed).not.toContain(secret);
    expect(openTotpSecret(sealed)).toBe(secret);
  });
});

describe("backup codes", () => {
  it("are xxxx-xxxx over an unambiguous alphabet, and random", () => {
    const codes = Array.from({ length: 50 }, newBackupCode);
    for (const c of codes) expect(c).toMatch(/^[2-9a-hjkmnp-z]{4}-[2-9a-hjkmnp-z]{4}$/);
    expect(new Set(codes).size).toBe(50);
  });

  it("normalise case, spaces and the dash; refuse anything else", () => {
    expect(normalizeBackupCode(" AB2C D3EF ")).toBe("ab2c-d3ef");
    expect(normalizeBackupCode("ab2cd3ef")).toBe("ab2c-d3ef");
    expect(normalizeBackupCode("ab2c-d3e")).toBeNull();
    expect(normalizeBackupCode("ab0c-d3ef")).toBeNull();
    expect(looksLikeBackupCode("123456")).toBe(false);
    expect(looksLikeBackupCode("ab2c-d3ef")).toBe(true);
  });

  it("hash with a keyed HMAC bound to the user", () => {
    const h = hashBackupCode("u1", "ab2c-d3ef");
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).not.toContain("ab2c");
    expect(hashBackupCode("u2", "ab2c-d3ef")).not.toBe(h);
    expect(hashBackupCode("u1", "ab2c-d3ef")).toBe(h);
  });
});
