/**
 * `scute_token` (spec §15.12): the RS256 JWT appended to the recipient's
 * redirect, signed with the app's active key (verifiable with the app's
 * JWKS, §11.6), `iss: "scute"`, `aud` = the public app id, 60-second TTL,
 * `tt: "scute_token"` (never accepted as another kind: threats T14) and a
 * `jti` the server-side exchange records to refuse replays.
 */
import { decodeProtectedHeader, errors, jwtVerify, SignJWT, type JWTPayload } from "jose";
import type { AppRow } from "@/lib/apps/find-app";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { getActiveSigningKey } from "@/lib/signing-keys/get-active-signing-key";
import { findVerificationKey } from "@/lib/signing-keys/keyset";
import type { VerificationRow } from "@/lib/verifications/types";

export const SCUTE_TOKEN_TTL_SECONDS = 60;
export const SCUTE_TOKEN_ISSUER = "scute";
const TOKEN_TYPE = "scute_token";

/** Claims the signer sets; a `meta_data` key of the same name is not copied. */
const OWN_CLAIMS = new Set([
  "iss", "aud", "aid", "iat", "exp", "nbf", "jti", "tt", "sub",
  "verification_id", "intent", "verified_at", "consent_decision", "risk", "status",
]);

/** The claims of a verification's token: §15.12 plus every string `meta_data` value. */
export function scuteTokenClaims(row: VerificationRow, now: Date): Record<string, unknown> {
  const claims: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row.metaData)) if (typeof v === "string" && !OWN_CLAIMS.has(k)) claims[k] = v;
  return {
    ...claims,
    verification_id: row.id,
    intent: row.intent ?? row.reason,
    status: row.status,
    verified_at: Math.floor((row.verifiedAt ?? now).getTime() / 1000),
    consent_decision: row.consentDecision,
    risk: row.risk,
  };
}

export async function signScuteToken(
  app: Pick<AppRow, "id" | "publicId">,
  row: VerificationRow,
  now: Date,
  ttlSeconds = SCUTE_TOKEN_TTL_SECONDS,
): Promise<{ token: string; jti: string; expiresAt: Date }> {
  const { kid, privateKey } = await getActiveSigningKey(app.id, { now });
  const iat = Math.floor(now.getTime() / 1000);
  const jti = newId();
  const token = await new SignJWT({
    ...scuteTokenClaims(row, now),
    sub: row.identifier,
    iss: SCUTE_TOKEN_ISSUER,
    aud: app.publicId,
    aid: app.publicId,
    iat,
    exp: iat + ttlSeconds,
    jti,
    tt: TOKEN_TYPE,
  })
    .setProtectedHeader({ alg: "RS256", typ: "JWT", kid })
    .sign(privateKey);
  return { token, jti, expiresAt: new Date((iat + ttlSeconds) * 1000) };
}

export interface ScuteTokenClaims extends JWTPayload {
  jti: string;
  exp: number;
  verification_id: string;
}

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * Verify a `scute_token` for `app`: RS256 only, key from the app's own
 * published keys by `kid` (never from the token), issuer, audience, type and
 * expiry. Throws 401 `invalid_token` or `token_expired`.
 */
export async function verifyScuteToken(app: Pick<AppRow, "id" | "publicId">, token: string, now: Date): Promise<ScuteTokenClaims> {
  if (token.length > 8192 || !COMPACT_JWS.test(token)) throw new AppError("invalid_token");
  let kid: unknown;
  try {
    const header = decodeProtectedHeader(token);
    if (header.alg !== "RS256" || "jwk" in header || "jku" in header || "x5u" in header || "x5c" in header) throw new Error("header");
    kid = header.kid;
  } catch {
    throw new AppError("invalid_token");
  }
  if (typeof kid !== "string" || kid.length === 0 || kid.length > 128) throw new AppError("invalid_token");
  const key = await findVerificationKey(app.id, kid, { now });
  if (!key) throw new AppError("invalid_token");
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: ["RS256"],
      issuer: SCUTE_TOKEN_ISSUER,
      audience: app.publicId,
      requiredClaims: ["iat", "exp", "jti"],
      currentDate: now,
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new AppError("token_expired");
    throw new AppError("invalid_token");
  }
  if (payload.tt !== TOKEN_TYPE || payload.aid !== app.publicId) throw new AppError("invalid_token");
  const { jti, exp } = payload;
  const verificationId = payload.verification_id;
  if (typeof jti !== "string" || typeof exp !== "number" || typeof verificationId !== "string") throw new AppError("invalid_token");
  return { ...payload, jti, exp, verification_id: verificationId };
}
