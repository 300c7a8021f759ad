/**
 * Signing of app JWTs (spec §2.2): RS256 with the app's active key, header
 * `{ alg: "RS256", typ: "JWT", kid }`, and `exp = iat + lifetime` exactly
 * (the Next.js SDK rejects access tokens that outlive the app setting).
 */
import { SignJWT } from "jose";
import type { AppRow } from "@/lib/apps/find-app";
import { getEnv } from "@/lib/env";
import { newId } from "@/lib/ids";
import { getActiveSigningKey } from "@/lib/signing-keys/get-active-signing-key";
import type { KeysetOptions } from "@/lib/signing-keys/keyset";
import {
  type AccessClaims,
  type BaseClaims,
  type GenericClaims,
  RESERVED_CLAIMS,
  type RefreshClaims,
  type TokenType,
} from "@/lib/tokens/claims";

/** The app facts a signer needs (an AppRow fits). */
export type SigningApp = Pick<AppRow, "id" | "publicId" | "workspaceId" | "accessExpiration" | "refreshExpiration">;

/** The user session a session token speaks for. */
export interface SessionFacts {
  /** App user id: the `uuid` claim. */
  appUserId: string;
  /** Session id: the `uid` claim, the revocation point. */
  sessionId: string;
  /** WebAuthn credential id (`crid`), only on passkey sessions. */
  credentialId?: string | null;
}

export interface SignedJwt<C extends BaseClaims> {
  token: string;
  /** The signing key's id: the header `kid`, `key_id` in token payloads. */
  kid: string;
  claims: C;
  /** `exp` as a Date (`access_expires_at` / `refresh_expires_at`). */
  expiresAt: Date;
}

/** `now` is the request clock (ctx.now); `db` the open transaction, if any. */
export type SignOptions = KeysetOptions;

export interface AppJwtInput<T extends TokenType> {
  type: T;
  /** Lifetime in seconds: `exp = iat + ttlSeconds`. */
  ttlSeconds: number;
  /** The kind's own claims; reserved claims (iss, aud, exp…) are refused. */
  claims?: Record<string, unknown>;
  /** A chosen `jti` (e.g. the magic link id, for single use); a new UUIDv7 otherwise. */
  jti?: string;
}

/** Base claims for a token of `type` living `ttlSeconds` from `now`. */
function baseClaims<T extends TokenType>(app: SigningApp, type: T, ttlSeconds: number, now: Date, jti?: string) {
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) {
    throw new Error(`token lifetime must be a positive integer, got ${ttlSeconds}`);
  }
  const iat = Math.floor(now.getTime() / 1000);
  return {
    iss: getEnv().baseUrl,
    aud: app.publicId,
    aid: app.publicId,
    iat,
    exp: iat + ttlSeconds,
    jti: jti ?? newId(),
    tt: type,
  };
}

async function sign<C extends BaseClaims>(app: SigningApp, claims: C, opts: SignOptions, now: Date): Promise<SignedJwt<C>> {
  const { kid, privateKey } = await getActiveSigningKey(app.id, { ...opts, now });
  const token = await new SignJWT(claims).setProtectedHeader({ alg: "RS256", typ: "JWT", kid }).sign(privateKey);
  return { token, kid, claims, expiresAt: new Date(claims.exp * 1000) };
}

/** Sign a JWT of any kind for `app` (magic link, M2M, scute_token…): base claims plus `input.claims`. */
export async function signAppJwt<T extends TokenType>(
  app: SigningApp,
  input: AppJwtInput<T>,
  opts: SignOptions = {},
): Promise<SignedJwt<GenericClaims & { tt: T }>> {
  const extra = input.claims ?? {};
  for (const name of RESERVED_CLAIMS) {
    if (Object.hasOwn(extra, name)) throw new Error(`claim "${name}" is set by the signer`);
  }
  const now = opts.now ?? new Date();
  return sign(app, { ...extra, ...baseClaims(app, input.type, input.ttlSeconds, now, input.jti) }, opts, now);
}

function sessionClaims(app: SigningApp, session: SessionFacts) {
  return {
    uuid: session.appUserId,
    uid: session.sessionId,
    wid: app.workspaceId,
    ...(session.credentialId ? { crid: session.credentialId } : {}),
  };
}

/** An access token for a user session; `exp = iat + app.accessExpiration` exactly. */
export async function signAccessToken(
  app: SigningApp,
  session: SessionFacts,
  opts: SignOptions = {},
): Promise<SignedJwt<AccessClaims>> {
  const now = opts.now ?? new Date();
  const claims = { ...baseClaims(app, "access", app.accessExpiration, now), ...sessionClaims(app, session) };
  return sign(app, claims, opts, now);
}

/** A refresh token for a user session; `exp = iat + app.refreshExpiration` exactly. */
export async function signRefreshToken(
  app: SigningApp,
  session: SessionFacts,
  opts: SignOptions & { jti?: string } = {},
): Promise<SignedJwt<RefreshClaims>> {
  const { jti, ...keyOpts } = opts;
  const now = keyOpts.now ?? new Date();
  const claims = { ...baseClaims(app, "refresh", app.refreshExpiration, now, jti), ...sessionClaims(app, session) };
  return sign(app, claims, keyOpts, now);
}
