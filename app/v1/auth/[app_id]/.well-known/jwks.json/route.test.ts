import { beforeAll, describe, expect, it } from "vitest";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { GET as jwksGET } from "../../jwks/route";
import { GET, OPTIONS } from "./route";

let t: Tenant;
const path = (id: string) => `/v1/auth/${id}/.well-known/jwks.json`;

beforeAll(async () => {
  t = await createTenant();
});

describe("GET /v1/auth/{app_id}/.well-known/jwks.json", () => {
  it("serves the same document and ETag as /jwks (spec §24 C12)", async () => {
    const res = await call(GET, "GET", path(t.app.publicId), { params: { app_id: t.app.publicId } });
    expectStatus(res, 200);
    const other = await call(jwksGET, "GET", `/v1/auth/${t.app.publicId}/jwks`, { params: { app_id: t.app.publicId } });
    expect(res.text).toBe(other.text);
    expect(res.headers.get("etag")).toBe(other.headers.get("etag"));
    expect(res.headers.get("cache-control")).toBe("public, max-age=600");
    expect(res.body.keys).toHaveLength(1);
  });

  it("answers 304 on a matching ETag and 404 for unknown apps", async () => {
    const first = await call(GET, "GET", path(t.app.id), { params: { app_id: t.app.id } });
    const res = await call(GET, "GET", path(t.app.id), {
      params: { app_id: t.app.id },
      headers: { "if-none-match": first.headers.get("etag") ?? "" },
    });
    expectStatus(res, 304);
    expectError(await call(GET, "GET", path("app_AAAAAAAAAAAAAAAAAAAA"), { params: { app_id: "app_AAAAAAAAAAAAAAAAAAAA" } }), 404, "app_not_found");
  });

  it("allows any origin on preflight", async () => {
    const pre = await call(OPTIONS, "OPTIONS", path(t.app.publicId), { headers: { origin: "https://anywhere.test" } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("https://anywhere.test");
  });
});
