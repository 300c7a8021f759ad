/**
 * The one wrapper every /v1 route handler goes through. It assigns the
 * request id, resolves the credential, parses and validates path, query and
 * body, applies rate limits, calls the handler, and maps every error to the
 * contract's envelope (spec §1.6). Handlers stay HTTP glue: call one verb,
 * return its result.
 */
import type { z } from "zod";
import { assertStorableStrings, readFields } from "@/lib/api/body";
import { clientIp } from "@/lib/api/client-ip";
import { corsHeaders } from "@/lib/api/cors";
import {
  optionalSecret,
  requireM2mToken,
  requireRefreshToken,
  requireSecret,
  requireUserToken,
  requireWorkspaceSecret,
} from "@/lib/api/credentials";
import { parseWith } from "@/lib/api/validation";
import { assertTenantModeAllows } from "@/lib/apps/tenant-mode";
import { authenticateMember, dashboardTokenOf, type MemberPrincipal } from "@/lib/dashboard/authenticate-member";
import { resolveVerifyCaller, type VerifyCallerPrincipal } from "@/lib/verifications/verify-caller";
import { authenticateWorkspaceSessionSource } from "@/lib/workspace-sessions/authenticate-source";
import { findLiveAppCached } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { AppError, isAppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { log } from "@/lib/log";
import { authenticateM2m, type M2mPrincipal, m2mActor } from "@/lib/m2m/authenticate-m2m";
import { consumeRateLimit, rateLimitHeaders, type RateLimitResult } from "@/lib/rate-limit/consume-rate-limit";
import {
  type AccessPrincipal,
  authenticateAccessToken,
  authenticateRefreshToken,
  endUserActor,
  type RefreshPrincipal,
  type SessionPrincipal,
} from "@/lib/sessions/authenticate-session";
import { appForActor } from "@/lib/tenancy";

/**
 * Credential kinds a route accepts (spec §1.3). More arrive with later issues.
 * - `user`: an access JWT in `X-Authorization` whose session is live.
 * - `refresh`: a refresh JWT in `X-Refresh-Token` (or `Authorization: Bearer <JWT>`)
 *   whose session is live; the verb decides whether its `jti` is current.
 * - `secretAndUser`: an API secret that reaches the route's app, plus an access
 *   JWT that may be expired (within `refresh_expiration`; `tokens/rotate_access`).
 * - `secretAndRefresh`: an API secret that reaches the route's app, plus a refresh JWT.
 * - `m2m`: an M2M access JWT or `scm2m_…` short token of the route's app whose
 *   M2M session is live (`X-Authorization`, or `Authorization: Bearer`).
 * - `dashboard`: a workspace member's access JWT of the dashboard app (§1.3, §20).
 * - `workspaceSecretOrDashboard`: a workspace key, or else a member's dashboard token
 *   (workspace and membership routes, §3); `ctx.actor` tells which.
 * - `verifyCaller`: one of m2m, secret or user token of the route's app (§15).
 * - `workspaceSecretAndUser`: a workspace key plus an access JWT of an app of
 *   that workspace (workspace sessions, §3.13).
 */
export type AuthKind =
  | "none"
  | "secret"
  | "workspaceSecret"
  | "optionalSecret"
  | "user"
  | "refresh"
  | "secretAndUser"
  | "secretAndRefresh"
  | "m2m"
  | "dashboard"
  | "workspaceSecretOrDashboard"
  | "verifyCaller"
  | "workspaceSecretAndUser";

/** The session a route's credential resolved to: set for the session-token kinds, null otherwise. */
export type PrincipalFor<A extends AuthKind> = A extends "user" | "secretAndUser"
  ? AccessPrincipal
  : A extends "refresh" | "secretAndRefresh"
    ? RefreshPrincipal
    : A extends "m2m"
      ? M2mPrincipal
      : A extends "dashboard"
        ? MemberPrincipal
        : A extends "workspaceSecretOrDashboard"
          ? MemberPrincipal | null
          : A extends "verifyCaller"
            ? VerifyCallerPrincipal
            : A extends "workspaceSecretAndUser"
              ? AccessPrincipal
              : null;

type AnySchema = z.ZodType;

export interface RateLimitRule<A> {
  /** Bucket name, e.g. `magic_link_send_ip`. */
  name: string;
  limit: number;
  windowSeconds: number;
  /** The bucket key within the rule (an IP, a normalised identifier…); null skips the rule. */
  key: (args: A) => string | null;
}

export interface RouteSpec<P extends AnySchema, Q extends AnySchema, B extends AnySchema, A extends AuthKind = AuthKind> {
  auth: A;
  summary: string;
  tags: string[];
  description?: string;
  params?: P;
  query?: Q;
  body?: B;
  /** Documented success response (OpenAPI only). */
  response?: AnySchema;
  /** Largest accepted body in bytes (default 1 MiB). */
  bodyLimit?: number;
  rateLimits?: RateLimitRule<HandlerArgs<P, Q, B, A>>[];
  /** Extra response headers on success (e.g. Cache-Control). */
  headers?: Record<string, string>;
}

type Out<S> = S extends AnySchema ? z.output<S> : Record<string, never>;

export interface HandlerArgs<P, Q, B, A extends AuthKind = AuthKind> {
  ctx: Ctx;
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
  request: Request;
  /** The verified session token's live session (user-token kinds only). */
  principal: PrincipalFor<A>;
}

/** A Response, or any JSON-serialisable object or array (interfaces such as TokenPayload included). */
export type HandlerResult = Response | object;

export interface RouteContext {
  params: Promise<Record<string, string | string[] | undefined>>;
}

export type RouteHandler = ((req: Request, context: RouteContext) => Promise<Response>) & {
  spec: RouteSpec<AnySchema, AnySchema, AnySchema>;
};

const JSON_HEADERS = {
  "Content-Type": "application/json; charset=utf-8",
  "Cache-Control": "no-store",
  "X-Content-Type-Options": "nosniff",
};

/** A JSON response with the API's default headers. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

export function errorResponse(error: unknown, requestId: string): Response {
  if (isAppError(error)) {
    return json(error.toBody(requestId), error.status, error.headers);
  }
  log.error("unhandled error", { requestId, err: error instanceof Error ? error : String(error) });
  return json(new AppError("internal_error").toBody(requestId), 500);
}

/** The path's `{app_id}` (user-token and M2M kinds are always app-scoped). */
function appIdOf(rawParams: Record<string, string | string[] | undefined>): string {
  const appId = rawParams.app_id;
  if (typeof appId !== "string") throw new Error("user-token routes need an {app_id} path segment");
  return appId;
}

/**
 * Resolve the credential of `kind` into `ctx.actor` and the session principal.
 * With a secret and a user token, the secret is checked first and must reach
 * the route's app (403/404 as for any secret route); `ctx.actor` stays the
 * API key, the backend that calls on the user's behalf.
 */
async function resolveCredential(
  kind: AuthKind,
  request: Request,
  ctx: Ctx,
  rawParams: Record<string, string | string[] | undefined>,
): Promise<SessionPrincipal | M2mPrincipal | MemberPrincipal | VerifyCallerPrincipal | null> {
  const now = ctx.now;
  switch (kind) {
    case "none":
      return null;
    case "secret":
      ctx.actor = await requireSecret(request, now);
      return null;
    case "workspaceSecret":
      ctx.actor = await requireWorkspaceSecret(request, now);
      return null;
    case "optionalSecret":
      ctx.actor = (await optionalSecret(request, now)) ?? ctx.actor;
      return null;
    case "user":
    case "refresh": {
      const principal =
        kind === "user"
          ? await authenticateAccessToken(appIdOf(rawParams), requireUserToken(request), { now })
          : await authenticateRefreshToken(appIdOf(rawParams), requireRefreshToken(request), { now });
      ctx.actor = endUserActor(principal);
      return principal;
    }
    case "m2m": {
      const principal = await authenticateM2m(appIdOf(rawParams), requireM2mToken(request), { now, ip: ctx.ip });
      ctx.actor = m2mActor(principal);
      return principal;
    }
    case "secretAndUser":
    case "secretAndRefresh": {
      const appId = appIdOf(rawParams);
      ctx.actor = await requireSecret(request, now);
      await appForActor(ctx, appId);
      return kind === "secretAndUser"
        ? authenticateAccessToken(appId, requireUserToken(request), { now, allowExpired: true })
        : authenticateRefreshToken(appId, requireRefreshToken(request), { now });
    }
    case "dashboard": {
      const principal = await authenticateMember(request, now);
      ctx.actor = principal.actor;
      return principal;
    }
    case "workspaceSecretOrDashboard": {
      // A member token travels in X-Authorization; a workspace key in Authorization.
      if (dashboardTokenOf(request) !== null && request.headers.get("authorization") === null) {
        const principal = await authenticateMember(request, now);
        ctx.actor = principal.actor;
        return principal;
      }
      ctx.actor = await requireWorkspaceSecret(request, now);
      return null;
    }
    case "verifyCaller":
      return resolveVerifyCaller(request, ctx, appIdOf(rawParams));
    case "workspaceSecretAndUser": {
      ctx.actor = await requireWorkspaceSecret(request, now);
      return authenticateWorkspaceSessionSource(ctx, requireUserToken(request));
    }
  }
}

/**
 * Rate-limit keys see `params.app_id` as the app's internal id, so a caller
 * cannot double a limit by alternating the public id and the uuid.
 */
async function withCanonicalAppId<T extends { params: unknown }>(args: T): Promise<T> {
  const params = args.params;
  if (!params || typeof params !== "object" || !("app_id" in params) || typeof params.app_id !== "string") return args;
  const app = await findLiveAppCached(params.app_id);
  return app ? { ...args, params: { ...params, app_id: app.id } } : args;
}

export function apiRoute<P extends AnySchema, Q extends AnySchema, B extends AnySchema, A extends AuthKind>(
  spec: RouteSpec<P, Q, B, A>,
  handler: (args: HandlerArgs<P, Q, B, A>) => Promise<HandlerResult>,
): RouteHandler {
  const run = async (request: Request, context: RouteContext): Promise<Response> => {
    const requestId = newId();
    const now = new Date();
    let extraHeaders: Record<string, string> = {};
    let response: Response;
    try {
      const rawParams = await context.params;
      assertStorableStrings(rawParams, "path");
      await assertTenantModeAllows(new URL(request.url).pathname, rawParams);
      const params = (spec.params ? parseWith(spec.params, rawParams, "path") : {}) as Out<P>;

      const ctx: Ctx = {
        requestId,
        now,
        ip: clientIp(request),
        userAgent: request.headers.get("user-agent"),
        actor: { type: "anonymous" },
      };
      // The resolver returns the principal of the kind `spec.auth` names (PrincipalFor<A>).
      const principal = (await resolveCredential(spec.auth, request, ctx, rawParams)) as PrincipalFor<A>;

      const fields = await readFields(request, spec.bodyLimit);
      assertStorableStrings(fields, "body");
      const query = (spec.query ? parseWith(spec.query, fields, "query") : {}) as Out<Q>;
      const body = (spec.body ? parseWith(spec.body, fields, "body") : {}) as Out<B>;
      const args: HandlerArgs<P, Q, B, A> = { ctx, params, query, body, request, principal };

      const limitArgs = spec.rateLimits?.length ? await withCanonicalAppId(args) : args;
      for (const rule of spec.rateLimits ?? []) {
        const key = rule.key(limitArgs);
        if (key === null) continue;
        const result: RateLimitResult = await consumeRateLimit(`${rule.name}:${key}`, rule.limit, rule.windowSeconds, now);
        extraHeaders = { ...extraHeaders, ...rateLimitHeaders(result, now) };
        if (!result.allowed) throw new AppError({ code: "rate_limited", headers: rateLimitHeaders(result, now) });
      }

      const result = await handler(args);
      response = result instanceof Response ? result : json(result, 200, spec.headers);
    } catch (error) {
      response = errorResponse(error, requestId);
    }
    for (const [k, v] of Object.entries(extraHeaders)) if (!response.headers.has(k)) response.headers.set(k, v);
    try {
      for (const [k, v] of Object.entries(await corsHeaders(request))) response.headers.set(k, v);
    } catch (error) {
      log.warn("cors lookup failed", { requestId, err: error instanceof Error ? error : String(error) });
    }
    response.headers.set("X-Request-Id", requestId);
    return response;
  };
  return Object.assign(run, { spec: spec as unknown as RouteSpec<AnySchema, AnySchema, AnySchema> });
}
