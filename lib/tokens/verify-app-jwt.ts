/**
 * Verification of app JWTs (threats T13, T14). The token names a key by `kid`
 * only; the key itself always comes from the app's own published keys (the
 * in-process keyset, never the token header, never a URL), and the algorithm
 * is pinned to RS256, so `alg: none`, HS256-with-the-public-key and
 * header-supplied keys (`jwk`, `jku`, `x5u`, `x5c`) cannot verify. An unknown
 * `kid` is a plain 401: keys reach every process before they sign (see
 * lib/signing-keys/policy.ts), so there is nothing to refetch.
 */
import { decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from "jose";
import type { AppRow } from "@/lib/apps/find-app";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { findVerificationKey, type KeysetOptions } from "@/lib/signing-keys/keyset";
import { CLOCK_SKEW_SECONDS } from "@/lib/signing-keys/policy";
import { CLAIMS_SCHEMAS, type ClaimsFor, type TokenType } from "@/lib/tokens/claims";

/** Longer tokens are refused before any parsing (ours are well under 2 KB). */
export const MAX_TOKEN_LENGTH = 8192;
const MAX_KID_LENGTH = 128;
/**
 * Header parameters we never issue: keys or key URLs (`jwk`, `jku`, `x5u`,
 * `x5c`, thumbprints) and `crit` extensions. Their presence marks a forgery,
 * so the token is refused before any key is even looked up.
 */
const REFUSED_HEADERS = ["jwk", "jku", "x5u", "x5c", "x5t", "x5t#S256", "crit"] as const;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

export type VerifyingApp = Pick<AppRow, "id" | "publicId">;

export interface VerifyOptions<T extends TokenType> extends KeysetOptions {
  /** The token type the caller accepts (`tt` claim); any other kind is invalid. */
  type: T;
  /**
   * Accept a token whose `exp` has passed (signature, issuer, audience and type
   * still checked). For `tokens/rotate_access` only, which bounds the age itself.
   */
  allowExpired?: boolean;
}

function invalid(reason: string): AppError {
  log.debug("jwt rejected", { reason });
  return new AppError("invalid_token");
}

/**
 * Verify `token` as a JWT of `opts.type` issued for `app`; returns its typed
 * claims, or throws AppError `invalid_token` (401) or `token_expired` (401).
 */
export async function verifyAppJwt<T extends TokenType>(
  app: VerifyingApp,
  token: string,
  opts: VerifyOptions<T>,
): Promise<ClaimsFor<T>> {
  if (token.length > MAX_TOKEN_LENGTH) throw invalid("oversized");
  if (!COMPACT_JWS.test(token)) throw invalid("not a compact JWS");
  const now = opts.now ?? new Date();

  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw invalid("undecodable header");
  }
  if (header.alg !== "RS256") throw invalid("algorithm");
  if (REFUSED_HEADERS.some((name) => Object.hasOwn(header, name))) throw invalid("key-bearing header");
  const kid = header.kid;
  if (typeof kid !== "string" || kid.length === 0 || kid.length > MAX_KID_LENGTH) throw invalid("kid");

  const key = await findVerificationKey(app.id, kid, { now, db: opts.db });
  if (!key) throw invalid("unknown kid");

  let payload: JWTPayload;
  let expired = false;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: ["RS256"],
      typ: "JWT",
      issuer: getEnv().baseUrl,
      audience: app.publicId,
      requiredClaims: ["iat", "exp", "jti"],
      currentDate: now,
      clockTolerance: CLOCK_SKEW_SECONDS,
    }));
  } catch (error) {
    // jose checks the signature, then typ/iss/aud/nbf, and `exp` last: an
    // expired token's payload has passed every other check.
    if (!(error instanceof errors.JWTExpired && error.claim === "exp")) {
      throw invalid(error instanceof Error ? error.message : "verification failed");
    }
    payload = error.payload;
    expired = true;
  }

  // Not-yet-valid: jose only checks `iat` together with maxTokenAge.
  if (typeof payload.iat !== "number" || payload.iat > now.getTime() / 1000 + CLOCK_SKEW_SECONDS) throw invalid("iat");
  if (payload.tt !== opts.type) throw invalid("token type");
  if (payload.aid !== app.publicId) throw invalid("aid");
  const parsed = CLAIMS_SCHEMAS[opts.type].safeParse(payload);
  if (!parsed.success) throw invalid("claims shape");
  if (parsed.data.exp <= parsed.data.iat) throw invalid("exp before iat");
  // Only a token that is otherwise valid for this caller is reported as expired.
  if (expired && !opts.allowExpired) throw new AppError("token_expired");
  // TS cannot narrow the indexed schema's output by the generic T; CLAIMS_SCHEMAS[T] parses exactly ClaimsFor<T>.
  return parsed.data as ClaimsFor<T>;
}
