/**
 * Hashing, random tokens, constant-time comparison and at-rest encryption.
 * High-entropy secrets (API keys, one-time tokens) are hashed with SHA-256:
 * they cannot be brute-forced, so a slow KDF would only cost latency.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";
import { getInstanceSecret } from "@/lib/env";

export function sha256Hex(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/** A URL-safe random token with `bytes` bytes of entropy. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** Constant-time string equality (compares SHA-256 digests so lengths never leak). */
export function safeEqual(a: string, b: string): boolean {
  const da = createHash("sha256").update(a, "utf8").digest();
  const db = createHash("sha256").update(b, "utf8").digest();
  return timingSafeEqual(da, db);
}

const keyCache = new Map<string, Buffer>();

/** A 256-bit key derived from the instance secret for one purpose (HKDF-SHA256). */
function derivedKey(purpose: string): Buffer {
  const secret = getInstanceSecret();
  const cacheKey = `${purpose}\u0000${secret}`;
  let key = keyCache.get(cacheKey);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, "tessera", `tessera:${purpose}`, 32));
    keyCache.set(cacheKey, key);
  }
  return key;
}

/** AES-256-GCM with a purpose-bound key; output `v1.<iv>.<tag>.<ciphertext>` (base64url). */
export function encryptSecret(plaintext: string, purpose: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", derivedKey(purpose), iv);
  cipher.setAAD(Buffer.from(purpose));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return ["v1", iv.toString("base64url"), tag.toString("base64url"), ct.toString("base64url")].join(".");
}

/** Inverse of encryptSecret; throws if the data or the instance secret do not match. */
export function decryptSecret(sealed: string, purpose: string): string {
  const [version, iv, tag, ct] = sealed.split(".");
  // `ct` may legitimately be empty (an empty plaintext), so test for presence only.
  if (version !== "v1" || !iv || !tag || ct === undefined) throw new Error("sealed secret: unknown format");
  const decipher = createDecipheriv("aes-256-gcm", derivedKey(purpose), Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(purpose));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
}

/** A short, non-reversible fingerprint of the instance secret (detects mismatched instances). */
export function instanceSecretFingerprint(): string {
  return derivedKey("fingerprint").toString("base64url").slice(0, 16);
}
