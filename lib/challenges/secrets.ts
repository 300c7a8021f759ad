/**
 * The two secrets of a challenge. The token (`ch_…`, 192 bits) travels in URLs
 * and is stored as its SHA-256, looked up by that hash. The code is short (a
 * few digits), so a plain hash would be brute-forced from a database dump in
 * milliseconds: it is stored as an HMAC keyed by a key derived from the
 * instance secret and bound to the challenge id (threats T8), so a dump alone
 * reveals nothing and a code hash cannot be replayed onto another challenge.
 */
import { createHmac, hkdfSync, randomInt } from "node:crypto";
import { randomToken, safeEqual, sha256Hex } from "@/lib/crypto";
import { getInstanceSecret } from "@/lib/env";
import { PREFIXES } from "@/lib/ids";

/** Longest code any method uses; longer candidates are refused before hashing. */
export const MAX_CODE_LENGTH = 32;

/** A new challenge token: `ch_` + 32 url-safe characters (24 random bytes). */
export function newChallengeToken(): string {
  return PREFIXES.challenge + randomToken(24);
}

/** Could `s` be a challenge token? (A cheap shape check before any lookup.) */
export function looksLikeChallengeToken(s: string): boolean {
  return s.startsWith(PREFIXES.challenge) && /^ch_[A-Za-z0-9_-]{24,128}$/.test(s);
}

export function hashChallengeToken(token: string): string {
  return sha256Hex(token);
}

/** `length` decimal digits, each drawn uniformly from a CSPRNG (no modulo bias). */
export function newNumericCode(length: number): string {
  if (!Number.isInteger(length) || length < 4 || length > MAX_CODE_LENGTH) throw new Error(`bad code length ${length}`);
  let out = "";
  for (let i = 0; i < length; i++) out += String(randomInt(10));
  return out;
}

let keyCache: { secret: string; key: Buffer } | undefined;

function codeKey(): Buffer {
  const secret = getInstanceSecret();
  if (keyCache?.secret !== secret) {
    keyCache = { secret, key: Buffer.from(hkdfSync("sha256", secret, "tessera", "tessera:challenge-code", 32)) };
  }
  return keyCache.key;
}

/** HMAC-SHA256 of `code`, bound to the challenge it belongs to (hex). */
export function hashChallengeCode(challengeId: string, code: string): string {
  return createHmac("sha256", codeKey()).update(`${challengeId}\u0000${code}`, "utf8").digest("hex");
}

/** Is `candidate` the code whose HMAC is `codeHash`? Constant-time; malformed candidates are false. */
export function codeMatches(challengeId: string, codeHash: string | null, candidate: string): boolean {
  const wellFormed = candidate.length > 0 && candidate.length <= MAX_CODE_LENGTH && /^[0-9]+$/.test(candidate);
  // Hash even a malformed candidate (when short enough) so both paths cost about the same.
  const computed = hashChallengeCode(challengeId, wellFormed ? candidate : "");
  if (!codeHash) return false;
  return safeEqual(computed, codeHash) && wellFormed;
}
