import { afterEach, describe, expect, it } from "vitest";
import {
  decryptSecret,
  encryptSecret,
  instanceSecretFingerprint,
  randomToken,
  safeEqual,
  sha256Hex,
} from "@/lib/crypto";
import { resetEnvForTests } from "@/lib/env";

const savedSecret = process.env.TESSERA_SECRET;
afterEach(() => {
  process.env.TESSERA_SECRET = savedSecret;
  resetEnvForTests();
});

/** Flip one base64url character of the `index`-th dot-separated part. */
function tamper(sealed: string, index: number): string {
  const parts = sealed.split(".");
  const part = parts[index] ?? "";
  parts[index] = (part[0] === "A" ? "B" : "A") + part.slice(1);
  return parts.join(".");
}

describe("encryptSecret / decryptSecret", () => {
  it("round-trips, with a fresh IV every time", () => {
    const plain = "-----BEGIN PRIVATE KEY-----\nü✓ secret\n";
    const a = encryptSecret(plain, "signing-key");
    const b = encryptSecret(plain, "signing-key");
    expect(a).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("secret");
    expect(decryptSecret(a, "signing-key")).toBe(plain);
    expect(decryptSecret(b, "signing-key")).toBe(plain);
  });

  // Regression: encryptSecret("") seals to `v1.<iv>.<tag>.` (empty ciphertext) and decryptSecret
  // refuses its own output as "unknown format" (`!ct` is true for ""). Either side should change.
  it("round-trips the empty string", () => {
    expect(decryptSecret(encryptSecret("", "x"), "x")).toBe("");
  });

  it("throws when the IV, tag or ciphertext was tampered with", () => {
    const sealed = encryptSecret("hello world", "p");
    for (const index of [1, 2, 3]) expect(() => decryptSecret(tamper(sealed, index), "p"), `part ${index}`).toThrow();
    expect(() => decryptSecret(`${sealed}AA`, "p")).toThrow();
  });

  it("throws for another purpose, another instance secret, or an unknown format", () => {
    const sealed = encryptSecret("hello", "signing-key");
    expect(() => decryptSecret(sealed, "webhook-secret")).toThrow();
    expect(() => decryptSecret(sealed.replace(/^v1\./, "v2."), "signing-key")).toThrow(/unknown format/);
    expect(() => decryptSecret("not-sealed", "signing-key")).toThrow(/unknown format/);

    process.env.TESSERA_SECRET = "another-secret-another-secret-another-0123";
    resetEnvForTests();
    expect(() => decryptSecret(sealed, "signing-key")).toThrow();
  });
});

describe("hashing, tokens and comparison", () => {
  it("sha256Hex matches the standard test vector", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("randomToken is URL-safe with the requested entropy", () => {
    const t = randomToken();
    expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken(16)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(new Set(Array.from({ length: 100 }, () => randomToken())).size).toBe(100);
  });

  it("safeEqual compares exactly, whatever the lengths", () => {
    expect(safeEqual("scapp_abc", "scapp_abc")).toBe(true);
    expect(safeEqual("", "")).toBe(true);
    expect(safeEqual("scapp_abc", "scapp_abd")).toBe(false);
    expect(safeEqual("scapp_abc", "scapp_abc ")).toBe(false);
    expect(safeEqual("a", "a".repeat(1000))).toBe(false);
    expect(safeEqual("é", "e\u0301")).toBe(false);
  });

  it("fingerprints the instance secret without revealing it", () => {
    const fp = instanceSecretFingerprint();
    expect(fp).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(instanceSecretFingerprint()).toBe(fp);
    expect(savedSecret && fp.includes(savedSecret.slice(0, 8))).toBeFalsy();
    process.env.TESSERA_SECRET = "another-secret-another-secret-another-0123";
    resetEnvForTests();
    expect(instanceSecretFingerprint()).not.toBe(fp);
  });
});
