import { beforeAll, describe, expect, it } from "vitest";
import { corsHeaders, corsPolicyForPath, preflight } from "@/lib/api/cors";
import { createApp } from "@/lib/apps/create-app";
import type { AppRow } from "@/lib/apps/find-app";
import { systemCtx } from "@/lib/context";
import { createTenant, type Tenant } from "@/test/harness";

const BASE = "http://localhost:3999";
const ALLOW_HEADERS =
  "Content-Type, Authorization, X-Authorization, X-Refresh-Token, X-CSRF-Token, X-Fingerprint, X-Workspace";

function req(path: string, headers: Record<string, string> = {}, method = "GET"): Request {
  return new Request(`${BASE}${path}`, { method, headers });
}

describe("corsPolicyForPath (spec §1.10)", () => {
  it("lets any origin read the key-publication routes", () => {
    for (const path of [
      "/v1/auth/app_x/jwks",
      "/v1/auth/app_x/.well-known/jwks.json",
      "/v1/auth/app_x/public_key",
      "/v1/auth/app_x/jwks/",
    ]) {
      expect(corsPolicyForPath(path), path).toEqual({ kind: "any" });
    }
  });

  it("lets the app's origins call end-user, public app and verification routes", () => {
    for (const path of [
      "/v1/auth/app_x/magic_links/login",
      "/v1/auth/app_x/current_user",
      "/v1/auth/app_x/jwks/extra",
      "/v1/apps/app_x",
      "/v1/apps/app_x/",
      "/v1/verify/app_x/verifications",
    ]) {
      expect(corsPolicyForPath(path), path).toEqual({ kind: "app", appId: "app_x" });
    }
  });

  it("sends no CORS for backend routes and anything outside /v1", () => {
    for (const path of [
      "/v1/apps",
      "/v1/apps/app_x/api_keys",
      "/v1/app_x/users",
      "/v1/workspaces/ws/apps",
      "/v1/openapi.json",
      "/v1/health",
      "/v2/auth/app_x/jwks",
      "/docs",
      "/",
    ]) {
      expect(corsPolicyForPath(path), path).toEqual({ kind: "none" });
    }
  });
});

describe("CORS headers and preflight", () => {
  let t: Tenant;
  let multi: AppRow;
  beforeAll(async () => {
    t = await createTenant();
    ({ app: multi } = await createApp({
      ctx: systemCtx("test"),
      input: {
        workspaceId: t.workspace.id,
        settings: { name: "Multi", origin: "https://main.test", additional_origins: ["http://localhost:5173", "https://b.test"] },
      },
    }));
  });

  it("reflects an allowed origin with credentials, never `*`", async () => {
    const headers = await corsHeaders(req(`/v1/auth/${t.app.publicId}/current_user`, { origin: "https://app.test" }));
    expect(headers).toEqual({
      "Access-Control-Allow-Origin": "https://app.test",
      "Access-Control-Allow-Credentials": "true",
      "Access-Control-Expose-Headers": expect.stringContaining("Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset"),
      Vary: "Origin",
    });
  });

  it("allows additional_origins, by public or internal id, and nothing else", async () => {
    for (const origin of ["https://main.test", "http://localhost:5173", "https://b.test"]) {
      for (const id of [multi.publicId, multi.id]) {
        const h = await corsHeaders(req(`/v1/verify/${id}/verifications`, { origin }));
        expect(h["Access-Control-Allow-Origin"], `${origin} ${id}`).toBe(origin);
      }
    }
    for (const origin of ["https://app.test", "https://main.test.evil.test", "http://main.test", "null"]) {
      expect(await corsHeaders(req(`/v1/auth/${multi.publicId}/otps/login`, { origin })), origin).not.toHaveProperty(
        "Access-Control-Allow-Origin",
      );
    }
    expect(await corsHeaders(req("/v1/auth/app_AAAAAAAAAAAAAAAAAAAA/otps/login", { origin: "https://app.test" }))).toEqual({
      Vary: "Origin",
    });
  });

  it("reflects any origin on JWKS and public key routes, and none on backend routes", async () => {
    const jwks = await corsHeaders(req(`/v1/auth/${t.app.publicId}/jwks`, { origin: "https://anyone.test" }));
    expect(jwks["Access-Control-Allow-Origin"]).toBe("https://anyone.test");
    expect(await corsHeaders(req("/v1/apps", { origin: "https://app.test" }))).toEqual({});
    expect(await corsHeaders(req(`/v1/auth/${t.app.publicId}/jwks`))).not.toHaveProperty("Access-Control-Allow-Origin");
  });

  it("answers a preflight from an allowed origin with 204 and the contract's headers", async () => {
    const res = await preflight(
      req(`/v1/auth/${t.app.publicId}/magic_links/login`, {
        origin: "https://app.test",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type, x-fingerprint",
      }, "OPTIONS"),
    );
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    expect(res.headers.get("access-control-allow-origin")).toBe("https://app.test");
    expect(res.headers.get("access-control-allow-credentials")).toBe("true");
    expect(res.headers.get("access-control-allow-methods")).toBe("GET, POST, PUT, PATCH, DELETE, OPTIONS");
    expect(res.headers.get("access-control-allow-headers")).toBe(ALLOW_HEADERS);
    expect(res.headers.get("access-control-max-age")).toBe("600");
    expect(res.headers.get("vary")).toBe("Origin");
  });

  it("answers other preflights with a bare 204", async () => {
    for (const r of [
      req(`/v1/auth/${t.app.publicId}/magic_links/login`, { origin: "https://evil.test" }, "OPTIONS"),
      req(`/v1/auth/${t.app.publicId}/magic_links/login`, {}, "OPTIONS"),
      req("/v1/apps", { origin: "https://app.test" }, "OPTIONS"),
    ]) {
      const res = await preflight(r);
      expect(res.status).toBe(204);
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
      expect(res.headers.get("access-control-allow-methods")).toBeNull();
      expect(res.headers.get("vary")).toBe("Origin");
    }
  });

  // Regression: a response whose CORS headers depend on Origin must say `Vary: Origin` even when the
  // request had no Origin. JWKS and public-key answers are `Cache-Control: public`: a shared cache that
  // stores the Origin-less answer (no ACAO) would serve it to browsers, which then refuse it.
  it("says Vary: Origin on Origin-dependent routes even without an Origin header", async () => {
    for (const path of [`/v1/auth/${t.app.publicId}/jwks`, `/v1/apps/${t.app.publicId}`]) {
      expect((await corsHeaders(req(path))).Vary, path).toBe("Origin");
      expect((await corsHeaders(req(path, { origin: "https://evil.test" }))).Vary, path).toBe("Origin");
    }
  });

  // Regression: spec §1.10 opens `/v1/apps/{app_id}` to the app's origins for GET only; PATCH, PUT
  // and DELETE on the same path are secret-authenticated admin routes that browsers have no business calling.
  it("does not grant app origins the admin methods of /v1/apps/{app_id}", async () => {
    const get = await preflight(
      req(`/v1/apps/${t.app.publicId}`, { origin: "https://app.test", "access-control-request-method": "GET" }, "OPTIONS"),
    );
    expect(get.headers.get("access-control-allow-origin")).toBe("https://app.test");
    for (const method of ["PATCH", "PUT", "DELETE"]) {
      const res = await preflight(
        req(`/v1/apps/${t.app.publicId}`, { origin: "https://app.test", "access-control-request-method": method }, "OPTIONS"),
      );
      expect(res.headers.get("access-control-allow-origin"), method).toBeNull();
      const actual = await corsHeaders(req(`/v1/apps/${t.app.publicId}`, { origin: "https://app.test" }, method));
      expect(actual, method).not.toHaveProperty("Access-Control-Allow-Origin");
    }
  });
});
