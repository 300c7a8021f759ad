/**
 * CORS for the browser SDK (spec §1.10). The policy follows from the path:
 * key-publication routes allow any origin; end-user, public-app and
 * verification routes allow the app's `origin` and `additional_origins`;
 * every other route (backend-to-backend) sends no CORS headers at all.
 * The request Origin is reflected, never `*`, with credentials allowed.
 */
import { findLiveAppCached } from "@/lib/apps/find-app";

const ALLOW_HEADERS =
  "Content-Type, Authorization, X-Authorization, X-Refresh-Token, X-CSRF-Token, X-Fingerprint, X-Workspace";
const ALLOW_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
const EXPOSE_HEADERS = "Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, X-Request-Id";

export type CorsPolicy = { kind: "none" } | { kind: "any" } | { kind: "app"; appId: string };

/**
 * The CORS policy of a request path and method. `/v1/apps/{app_id}` is open
 * to the app's origins for GET only (the public config); its PATCH/PUT/DELETE
 * are backend routes.
 */
export function corsPolicyForPath(pathname: string, method = "GET"): CorsPolicy {
  const parts = pathname.split("/").filter(Boolean);
  if (parts[0] !== "v1") return { kind: "none" };
  const [, family, appId, ...rest] = parts;
  if (!appId) return { kind: "none" };
  if (family === "auth") {
    const tail = rest.join("/");
    if (tail === "jwks" || tail === ".well-known/jwks.json" || tail === "public_key") return { kind: "any" };
    return { kind: "app", appId };
  }
  if (family === "verify") return { kind: "app", appId };
  if (family === "apps" && rest.length === 0) return method === "GET" || method === "HEAD" ? { kind: "app", appId } : { kind: "none" };
  return { kind: "none" };
}

async function originAllowed(policy: CorsPolicy, origin: string): Promise<boolean> {
  if (policy.kind === "none") return false;
  if (policy.kind === "any") return true;
  const app = await findLiveAppCached(policy.appId);
  if (!app) return false;
  return app.origin === origin || app.additionalOrigins.includes(origin);
}

/** The method a request is about: for a preflight, the one it asks for. */
function effectiveMethod(req: Request): string {
  if (req.method === "OPTIONS") return (req.headers.get("access-control-request-method") ?? "GET").toUpperCase();
  return req.method.toUpperCase();
}

/**
 * CORS headers for a response to `req`. Responses of Origin-dependent routes
 * always carry `Vary: Origin`, so a shared cache never serves one origin's
 * answer (or a header-less one) to another.
 */
export async function corsHeaders(req: Request): Promise<Record<string, string>> {
  const policy = corsPolicyForPath(new URL(req.url).pathname, effectiveMethod(req));
  if (policy.kind === "none") return {};
  const origin = req.headers.get("origin");
  if (!origin || !(await originAllowed(policy, origin))) return { Vary: "Origin" };
  return {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Allow-Credentials": "true",
    "Access-Control-Expose-Headers": EXPOSE_HEADERS,
    Vary: "Origin",
  };
}

/** The OPTIONS handler every /v1 route file exports: 204, with CORS headers only for allowed origins. */
export async function preflight(req: Request): Promise<Response> {
  const headers: Record<string, string> = { Vary: "Origin", ...(await corsHeaders(req)) };
  if (headers["Access-Control-Allow-Origin"]) {
    headers["Access-Control-Allow-Methods"] = ALLOW_METHODS;
    headers["Access-Control-Allow-Headers"] = ALLOW_HEADERS;
    headers["Access-Control-Max-Age"] = "600";
  }
  return new Response(null, { status: 204, headers });
}
