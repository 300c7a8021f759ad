import { beforeAll, describe, expect, it } from "vitest";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { GET, OPTIONS } from "./route";

let t: Tenant;
beforeAll(async () => {
  t = await createTenant();
});

describe("GET /v1/apps/{app_id}", () => {
  it("returns the bare public app by public id, ignoring a stray Authorization header", async () => {
    const res = await call(GET, "GET", `/v1/apps/${t.app.publicId}`, {
      params: { app_id: t.app.publicId },
      headers: { authorization: "Bearer scapp_not_a_real_key" },
    });
    expectStatus(res, 200);
    expect(res.body.id).toBe(t.app.publicId);
    expect(res.body.app).toBeUndefined();
    expect(res.body.access_expiration).toBe(3600);
    expect(res.body.auto_refresh).toBe(true);
    expect(res.body.email_auth_type).toBe("magic");
    expect(res.body.public_key).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(res.headers.get("cache-control")).toBe("private, max-age=60");
  });

  it("accepts the internal uuid and still reports the public id", async () => {
    const res = await call(GET, "GET", `/v1/apps/${t.app.id}`, { params: { app_id: t.app.id } });
    expectStatus(res, 200);
    expect(res.body.id).toBe(t.app.publicId);
  });

  it("never exposes admin-only settings or secrets", async () => {
    const res = await call(GET, "GET", `/v1/apps/${t.app.publicId}`, { params: { app_id: t.app.publicId } });
    expect(res.body).not.toHaveProperty("workspace_id");
    expect(res.body).not.toHaveProperty("test_identities_enabled");
    expect(res.text).not.toContain("PRIVATE KEY");
  });

  it("answers 404 app_not_found for unknown and malformed ids", async () => {
    for (const id of ["app_AAAAAAAAAAAAAAAAAAAA", "nope", "00000000-0000-7000-8000-000000000000"]) {
      const res = await call(GET, "GET", `/v1/apps/${id}`, { params: { app_id: id } });
      expectError(res, 404, "app_not_found");
    }
  });

  it("reflects an allowed Origin for CORS and ignores others", async () => {
    const ok = await call(GET, "GET", `/v1/apps/${t.app.publicId}`, {
      params: { app_id: t.app.publicId },
      headers: { origin: "https://app.test" },
    });
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://app.test");
    expect(ok.headers.get("access-control-allow-credentials")).toBe("true");
    const bad = await call(GET, "GET", `/v1/apps/${t.app.publicId}`, {
      params: { app_id: t.app.publicId },
      headers: { origin: "https://evil.test" },
    });
    expect(bad.headers.get("access-control-allow-origin")).toBeNull();
    const pre = await call(OPTIONS, "OPTIONS", `/v1/apps/${t.app.publicId}`, { headers: { origin: "https://app.test" } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-headers")).toContain("X-Authorization");
  });
});
