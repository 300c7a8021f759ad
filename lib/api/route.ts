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
import { optionalSecret, requireSecret, requireWorkspaceSecret } from "@/lib/api/credentials";
import { parseWith } from "@/lib/api/validation";
import type { Ctx } from "@/lib/context";
import { AppError, isAppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { log } from "@/lib/log";
import { consumeRateLimit, rateLimitHeaders, type RateLimitResult } from "@/lib/rate-limit/consume-rate-limit";

/** Credential kinds a route accepts (spec §1.3). More arrive with later issues. */
export type AuthKind = "none" | "secret" | "workspaceSecret" | "optionalSecret";

type AnySchema = z.ZodType;

export interface RateLimitRule<A> {
  /** Bucket name, e.g. `magic_link_send_ip`. */
  name: string;
  limit: number;
  windowSeconds: number;
  /** The bucket key within the rule (an IP, a normalised identifier…); null skips the rule. */
  key: (args: A) => string | null;
}

export interface RouteSpec<P extends AnySchema, Q extends AnySchema, B extends AnySchema> {
  auth: AuthKind;
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
  rateLimits?: RateLimitRule<HandlerArgs<P, Q, B>>[];
  /** Extra response headers on success (e.g. Cache-Control). */
  headers?: Record<string, string>;
}

type Out<S> = S extends AnySchema ? z.output<S> : Record<string, never>;

export interface HandlerArgs<P, Q, B> {
  ctx: Ctx;
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
  request: Request;
}

export type HandlerResult = Response | Record<string, unknown> | unknown[];

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

export function apiRoute<P extends AnySchema, Q extends AnySchema, B extends AnySchema>(
  spec: RouteSpec<P, Q, B>,
  handler: (args: HandlerArgs<P, Q, B>) => Promise<HandlerResult>,
): RouteHandler {
  const run = async (request: Request, context: RouteContext): Promise<Response> => {
    const requestId = newId();
    const now = new Date();
    let extraHeaders: Record<string, string> = {};
    let response: Response;
    try {
      const rawParams = await context.params;
      assertStorableStrings(rawParams, "path");
      const params = (spec.params ? parseWith(spec.params, rawParams, "path") : {}) as Out<P>;

      const ctx: Ctx = {
        requestId,
        now,
        ip: clientIp(request),
        userAgent: request.headers.get("user-agent"),
        actor: { type: "anonymous" },
      };
      if (spec.auth === "secret") ctx.actor = await requireSecret(request, now);
      else if (spec.auth === "workspaceSecret") ctx.actor = await requireWorkspaceSecret(request, now);
      else if (spec.auth === "optionalSecret") ctx.actor = (await optionalSecret(request, now)) ?? ctx.actor;

      const fields = await readFields(request, spec.bodyLimit);
      assertStorableStrings(fields, "body");
      const query = (spec.query ? parseWith(spec.query, fields, "query") : {}) as Out<Q>;
      const body = (spec.body ? parseWith(spec.body, fields, "body") : {}) as Out<B>;
      const args: HandlerArgs<P, Q, B> = { ctx, params, query, body, request };

      for (const rule of spec.rateLimits ?? []) {
        const key = rule.key(args);
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
