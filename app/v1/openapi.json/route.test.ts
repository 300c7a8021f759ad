import { describe, expect, it } from "vitest";
import { call, expectStatus } from "@/test/harness";
import { GET, OPTIONS } from "./route";

describe("GET /v1/openapi.json", () => {
  it("returns the OpenAPI document as cacheable JSON, ignoring a stray Authorization header", async () => {
    const res = await call(GET, "GET", "/v1/openapi.json", { headers: { authorization: "Bearer scapp_not_a_real_key" } });
    expectStatus(res, 200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("public, max-age=300");
    expect(res.headers.get("x-request-id")).toBeTruthy();
    expect(res.body.openapi).toBe("3.1.0");
    expect(res.body.info.title).toBe("Tessera API");
    expect(res.body.paths["/v1/openapi.json"].get.summary).toBe("OpenAPI document");
    expect(res.body.paths["/v1/apps/{app_id}"].get).toBeDefined();
    expect(res.body.components.schemas.Error).toBeDefined();
  });

  it("answers the same bytes twice", async () => {
    const a = await call(GET, "GET", "/v1/openapi.json");
    const b = await call(GET, "GET", "/v1/openapi.json");
    expect(b.text).toBe(a.text);
    expect(b.headers.get("x-request-id")).not.toBe(a.headers.get("x-request-id"));
  });

  it("answers a preflight with 204 and no CORS grant (same-origin document)", async () => {
    const res = await call(OPTIONS, "OPTIONS", "/v1/openapi.json", { headers: { origin: "https://evil.test" } });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });
});
