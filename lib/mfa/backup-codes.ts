/**
 * Backup codes (spec §14.8): ten `xxxx-xxxx` codes from a CSPRNG over an
 * alphabet without look-alikes (~41 bits each), shown once. Only an HMAC of
 * each is stored, keyed by a key derived from the instance secret and bound to
 * the user, so a database dump alone reveals nothing and a hash cannot be
 * replayed onto another user (threats T8).
 */
import { createHmac, hkdfSync, randomInt } from "node:crypto";
import { getInstanceSecret } from "@/lib/env";

export const BACKUP_CODE_COUNT = 10;
/** Lowercase letters and digits without 0/o, 1/l/i. */
const ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
const HALF = 4;

export function newBackupCode(): string {
  let raw = "";
  for (let i = 0; i < HALF * 2; i++) raw += ALPHABET[randomInt(ALPHABET.length)];
  return `${raw.slice(0, HALF)}-${raw.slice(HALF)}`;
}

/** `input` in canonical `xxxx-xxxx` form (case, spaces and the dash are forgiven), or null if it cannot be one. */
export function normalizeBackupCode(input: string): string | null {
  const raw = input.toLowerCase().replace(/[\s-]/g, "");
  if (raw.length !== HALF * 2 || ![...raw].every((c) => ALPHABET.includes(c))) return null;
  return `${raw.slice(0, HALF)}-${raw.slice(HALF)}`;
}

/** Could `input` be a backup code rather than a 6-digit code? */
export const looksLikeBackupCode = (input: string): boolean => normalizeBackupCode(input) !== null && !/^\d{6}$/.test(input.trim());

let keyCache: { secret: string; key: Buffer } | undefined;

function codeKey(): Buffer {
  const secret = getInstanceSecret();
  if (keyCache?.secret !== secret) {
    keyCache = { secret, key: Buffer.from(hkdfSync("sha256", secret, "tessera", "tessera:mfa-backup-code", 32)) };
  }
  return keyCache.key;
}

/** HMAC-SHA256 (hex) of a canonical backup code, bound to its user. */
export function hashBackupCode(appUserId: string, canonicalCode: string): string {
  return createHmac("sha256", codeKey()).update(`${appUserId}\u0000${canonicalCode}`, "utf8").digest("hex");
}
