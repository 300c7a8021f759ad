/**
 * Redaction of event payloads (spec §17; threats T8): whatever a verb passes
 * as an event's `params`, no secret reaches the events table or an API
 * response. Keys that name a secret (code, otp, token, secret, password,
 * api_key, refresh, access, sct_magic…) have their value replaced by
 * `[FILTERED]` at any depth; string values that look like a secret whatever
 * their key (API secrets, M2M short tokens, JWTs, URLs carrying one-time
 * tokens) are filtered too. Identifier keys (`*_id`, `*_ids`, `kid`) are
 * facts, not secrets, but their values still pass the value check.
 */

export const FILTERED = "[FILTERED]";

/** Key segments (split on `_`, `-`, `.`, spaces and camelCase) that mark a secret. */
const SECRET_SEGMENTS = new Set([
  "code",
  "codes",
  "otp",
  "otps",
  "passcode",
  "pin",
  "token",
  "tokens",
  "secret",
  "secrets",
  "password",
  "passwd",
  "pwd",
  "passphrase",
  "refresh",
  "access",
  "jwt",
  "csrf",
  "cookie",
  "cookies",
  "authorization",
  "bearer",
  "signature",
  "hash",
  "hmac",
  "credential",
  "credentials",
  "apikey",
  "sealed",
]);

/** Substrings of the squashed key (letters and digits only) that mark a secret. */
const SECRET_SUBSTRINGS = ["apikey", "sctmagic", "sctoauth", "privatekey", "clientsecret", "authtoken", "scutetoken"];

const SECRET_VALUE_PATTERNS: RegExp[] = [
  // API secrets and M2M short tokens.
  /\b(scapp|scwor|scm2m)_[A-Za-z0-9_-]{8,}/,
  // A compact JWS anywhere in the string.
  /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/,
  // One-time tokens in URLs.
  /[?&#](sct_magic|sct_oauth|scute_token|token|code|otp)=/i,
  // PEM blocks.
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
];

const MAX_DEPTH = 8;

function segmentsOf(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * Last key segments that make a key a fact about a secret, not the secret:
 * ids (`api_key_id`), timestamps (`refresh_expires_at`), counts
 * (`api_keys_revoked`), lifetimes (`access_expiration`), kinds (`token_type`).
 */
const FACT_SUFFIXES = new Set(["id", "ids", "kid", "at", "count", "total", "length", "revoked", "enabled", "expiration", "ttl", "type", "kind"]);

/** Segments that mark a secret even when its value is a number (numeric codes). */
const NUMERIC_SECRET_SEGMENTS = new Set(["code", "codes", "otp", "otps", "passcode", "pin", "password", "secret", "token"]);

/** Whether a payload key names a secret. Fact keys (ids, timestamps, counts… see FACT_SUFFIXES) never do. */
export function isSensitiveKey(key: string): boolean {
  const segments = segmentsOf(key);
  const last = segments[segments.length - 1];
  if (last === undefined || FACT_SUFFIXES.has(last)) return false;
  if (segments.some((s) => SECRET_SEGMENTS.has(s))) return true;
  const squashed = segments.join("");
  return SECRET_SUBSTRINGS.some((s) => squashed.includes(s));
}

/** Whether a string value looks like a secret whatever its key. */
export function looksSecret(value: string): boolean {
  return SECRET_VALUE_PATTERNS.some((re) => re.test(value));
}

/** Whether the value under key `k` is replaced: booleans and null never (flags hold no secret); numbers only under code-like keys. */
function filtersValue(k: string, v: unknown): boolean {
  if (v === null || v === undefined || typeof v === "boolean" || !isSensitiveKey(k)) return false;
  if (typeof v === "number") return segmentsOf(k).some((s) => NUMERIC_SECRET_SEGMENTS.has(s));
  return true;
}

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === "string") return looksSecret(value) ? FILTERED : value;
  if (value === null || typeof value !== "object") {
    // Functions, symbols and bigints are not JSON: drop them to null.
    return typeof value === "function" || typeof value === "symbol" || typeof value === "bigint" ? null : value;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (depth >= MAX_DEPTH) return FILTERED;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = filtersValue(k, v) ? FILTERED : redactValue(v, depth + 1);
  }
  return out;
}

/** A copy of `params` with every secret-looking key or value replaced by `[FILTERED]`, at any depth. */
export function redactEventParams(params: Record<string, unknown> | null | undefined): Record<string, unknown> {
  if (!params || typeof params !== "object" || Array.isArray(params)) return {};
  return redactValue(params, 0) as Record<string, unknown>;
}
