/**
 * Credential extraction (spec §1.3). Each kind has one reader; the route
 * wrapper picks by the route's declared `auth`. Public routes never look at
 * `Authorization` (the SDK's admin client sends its secret everywhere).
 */
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import type { ApiKeyActor } from "@/lib/context";
import { AppError } from "@/lib/errors";

const TOKEN_CHARS = /^[A-Za-z0-9._~+/=-]+$/;

/**
 * The value of `Authorization: Bearer <token>` (scheme case-insensitive, one
 * space, no extra whitespace). Returns null when the header is absent; throws
 * 401 `unauthorized` when present but malformed.
 */
export function bearerToken(req: Request): string | null {
  const header = req.headers.get("authorization");
  if (header === null) return null;
  const match = /^Bearer ([^\s,]+)$/i.exec(header);
  if (!match?.[1] || !TOKEN_CHARS.test(match[1])) {
    throw new AppError({ code: "unauthorized", message: "Malformed Authorization header; expected `Bearer <API secret>`" });
  }
  return match[1];
}

/** A raw or `Bearer `-prefixed token from `X-Authorization` (SDK sends it raw). */
export function xAuthorizationToken(req: Request): string | null {
  const header = req.headers.get("x-authorization");
  if (header === null) return null;
  const value = header.replace(/^Bearer /i, "");
  if (!value || !TOKEN_CHARS.test(value)) throw new AppError("invalid_token");
  return value;
}

/** Resolve the API secret of `req`: 401 `api_key_required` when absent. */
export async function requireSecret(req: Request, now: Date): Promise<ApiKeyActor> {
  const token = bearerToken(req);
  if (!token) throw new AppError({ code: "api_key_required", message: "API key required: send `Authorization: Bearer <API secret>`" });
  return authenticateApiKey(token, now);
}

/** Like requireSecret, but only workspace keys (`scwor_`) are accepted. */
export async function requireWorkspaceSecret(req: Request, now: Date): Promise<ApiKeyActor> {
  const token = bearerToken(req);
  if (!token) throw new AppError("workspace_api_key_required");
  const actor = await authenticateApiKey(token, now);
  if (actor.keyKind !== "workspace") {
    throw new AppError({ code: "forbidden", message: "This route needs a workspace API key (scwor_…), not an app key" });
  }
  return actor;
}

/**
 * An API secret when one is sent (routes that behave differently for
 * backends, e.g. POST /v1/auth/{app_id}/users): absent → null (anonymous);
 * present but unknown or revoked → 401, never a silent downgrade. A JWT in
 * `Authorization` is not a secret and is ignored here.
 */
export async function optionalSecret(req: Request, now: Date): Promise<ApiKeyActor | null> {
  const token = bearerToken(req);
  if (!token || token.split(".").length === 3) return null;
  return authenticateApiKey(token, now);
}

const JWT_SHAPE = /^[^.\s]+\.[^.\s]+\.[^.\s]*$/;

/** The user access token of `req` (`X-Authorization`, raw or `Bearer `): 401 `unauthorized` when absent. */
export function requireUserToken(req: Request): string {
  const token = xAuthorizationToken(req);
  if (!token) throw new AppError({ code: "unauthorized", message: "User token required: send `X-Authorization: <access token>`" });
  return token;
}

/**
 * The refresh token of `req` (spec §1.3, C3): `X-Refresh-Token` (raw, or
 * `Bearer `-prefixed); only when that header is absent, `Authorization:
 * Bearer <JWT>`. An API secret (`scapp_…`/`scwor_…`) or any other non-JWT
 * bearer is never taken for a refresh token: the SDK's admin client sends its
 * secret in `Authorization` alongside `X-Refresh-Token`. Null when absent.
 */
export function refreshTokenOf(req: Request): string | null {
  const header = req.headers.get("x-refresh-token");
  if (header !== null) {
    const value = header.trim().replace(/^Bearer(?: |$)/i, "");
    if (!value || !TOKEN_CHARS.test(value)) throw new AppError("invalid_token");
    return value;
  }
  const match = /^Bearer ([^\s,]+)$/i.exec(req.headers.get("authorization") ?? "");
  const bearer = match?.[1];
  return bearer && TOKEN_CHARS.test(bearer) && JWT_SHAPE.test(bearer) ? bearer : null;
}

/** Like refreshTokenOf, but 401 `unauthorized` when absent. */
export function requireRefreshToken(req: Request): string {
  const token = refreshTokenOf(req);
  if (!token) throw new AppError({ code: "unauthorized", message: "Refresh token required: send `X-Refresh-Token: <refresh token>`" });
  return token;
}

/**
 * The M2M credential of `req` (spec §1.3): `X-Authorization` (raw or
 * `Bearer `), else `Authorization: Bearer <m2m jwt | scm2m_…>` — never an API
 * secret (`scapp_…`/`scwor_…`), which is not an M2M credential. Null when absent.
 */
export function m2mTokenOf(req: Request): string | null {
  const x = xAuthorizationToken(req);
  if (x) return x;
  const match = /^Bearer ([^\s,]+)$/i.exec(req.headers.get("authorization") ?? "");
  const bearer = match?.[1];
  if (!bearer || !TOKEN_CHARS.test(bearer)) return null;
  return bearer.startsWith("scm2m_") || JWT_SHAPE.test(bearer) ? bearer : null;
}

/** Like m2mTokenOf, but 401 `unauthorized` when absent. */
export function requireM2mToken(req: Request): string {
  const token = m2mTokenOf(req);
  if (!token) {
    throw new AppError({ code: "unauthorized", message: "M2M token required: send `X-Authorization: Bearer <M2M token or scm2m_…>`" });
  }
  return token;
}

/** `X-Refresh-Token` only (raw or `Bearer `), no `Authorization` fallback: M2M refresh, where `Authorization` carries the access JWT. */
export function xRefreshToken(req: Request): string | null {
  const header = req.headers.get("x-refresh-token");
  if (header === null) return null;
  const value = header.trim().replace(/^Bearer(?: |$)/i, "");
  if (!value || !TOKEN_CHARS.test(value)) throw new AppError("invalid_token");
  return value;
}
