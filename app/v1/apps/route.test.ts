import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { apiKeys, apps, events } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { systemCtx } from "@/lib/context";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { GET, OPTIONS, POST } from "./route";

let t: Tenant;
let child: Tenant;
let other: Tenant;
beforeAll(async () => {
  t = await createTenant();
  child = await createTenant({ parentWorkspaceId: t.workspace.id });
  other = await createTenant();
});

/** Top-level field names of the envelope's `errors` (`colors.0` → `colors`). */
const fieldsIn = (errors: Record<string, unknown> | undefined) => Object.keys(errors ?? {}).map((k) => k.split(".")[0]);
const appsNamed = async (name: string) => (await getDb()).select().from(apps).where(eq(apps.name, name));

/** Inputs refused on create and update (threats §3.8, spec §4.5 ranges). */
const BAD_INPUT: [string, Record<string, unknown>, number, string][] = [
  ["empty name", { name: "" }, 422, "validation_failed"],
  ["257-char name", { name: "x".repeat(257) }, 422, "validation_failed"],
  ["http origin", { origin: "http://app.example.com" }, 422, "validation_failed"],
  ["origin with path", { origin: "https://app.example.com/login" }, 422, "validation_failed"],
  ["origin with userinfo", { origin: "https://user:pw@app.example.com" }, 422, "validation_failed"],
  ["javascript: origin", { origin: "javascript:alert(1)" }, 422, "validation_failed"],
  ["wildcard inside a label", { origin: "https://a*b.example.com" }, 422, "validation_failed"],
  ["off-origin callback_url", { callback_url: "https://evil.test/cb" }, 422, "validation_failed"],
  ["off-origin login_url", { login_url: "https://evil.test/login" }, 422, "validation_failed"],
  ["colour name", { colors: ["red"] }, 422, "validation_failed"],
  ["short hex colour", { colors: ["#12345"] }, 422, "validation_failed"],
  ["access_expiration 59", { access_expiration: 59 }, 422, "validation_failed"],
  ["access_expiration 604801", { access_expiration: 604_801 }, 422, "validation_failed"],
  ["refresh_expiration 3599", { refresh_expiration: 3599 }, 422, "validation_failed"],
  ["magic_link_expiration 59", { magic_link_expiration: 59 }, 422, "validation_failed"],
  ["otp_expiration 29", { otp_expiration: 29 }, 422, "validation_failed"],
  ["non-numeric lifetime", { access_expiration: "soon" }, 400, "bad_request"],
];

describe("GET /v1/apps", () => {
  it("lists the workspace key's apps as AppAdmin objects", async () => {
    const res = await call(GET, "GET", "/v1/apps", { secret: t.workspaceKey });
    expectStatus(res, 200);
    expect(res.body.apps.map((a: { id: string }) => a.id)).toEqual([t.app.publicId]);
    const [app] = res.body.apps;
    expect(app).toMatchObject({ workspace_id: t.workspace.id, deleted_at: null, test_identities_enabled: false });
    expect(app.public_key).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  });

  it("gives an app key its own app only", async () => {
    const res = await call(GET, "GET", "/v1/apps", { secret: t.appKey });
    expectStatus(res, 200);
    expect(res.body.apps.map((a: { id: string }) => a.id)).toEqual([t.app.publicId]);
  });

  it("narrows to a child workspace by X-Workspace (id or slug) or workspace_id", async () => {
    for (const opts of [
      { headers: { "x-workspace": child.workspace.id } },
      { headers: { "x-workspace": child.workspace.slug } },
      { query: { workspace_id: child.workspace.id } },
    ]) {
      const res = await call(GET, "GET", "/v1/apps", { secret: t.workspaceKey, ...opts });
      expectStatus(res, 200);
      expect(res.body.apps.map((a: { id: string }) => a.id)).toEqual([child.app.publicId]);
    }
  });

  it("answers 403 workspace_mismatch for a workspace the key does not own (T20)", async () => {
    const cases = [
      { secret: t.workspaceKey, headers: { "x-workspace": other.workspace.id } },
      { secret: t.workspaceKey, query: { workspace_id: other.workspace.slug } },
      { secret: child.workspaceKey, headers: { "x-workspace": t.workspace.id } },
      { secret: t.appKey, headers: { "x-workspace": child.workspace.id } },
      { secret: t.workspaceKey, headers: { "x-workspace": "no-such-workspace" } },
    ];
    for (const opts of cases) expectError(await call(GET, "GET", "/v1/apps", opts), 403, "workspace_mismatch");
  });

  it("refuses X-Workspace and workspace_id naming different workspaces", async () => {
    const res = await call(GET, "GET", "/v1/apps", {
      secret: t.workspaceKey,
      headers: { "x-workspace": t.workspace.id },
      query: { workspace_id: child.workspace.id },
    });
    expectError(res, 400, "bad_request");
  });

  it("rejects missing, malformed, unknown and revoked credentials with 401", async () => {
    expectError(await call(GET, "GET", "/v1/apps"), 401, "api_key_required");
    expectError(await call(GET, "GET", "/v1/apps", { headers: { authorization: "Basic abc" } }), 401, "unauthorized");
    expectError(await call(GET, "GET", "/v1/apps", { secret: "scapp_unknown" }), 401, "invalid_api_key");
    const { row, token } = await createApiKey({
      ctx: systemCtx(),
      input: { kind: "workspace", workspaceId: t.workspace.id, nickname: "soon revoked" },
    });
    await (await getDb()).update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, row.id));
    expectError(await call(GET, "GET", "/v1/apps", { secret: token }), 401, "invalid_api_key");
  });

  it("answers preflight without CORS headers (backend route)", async () => {
    const res = await call(OPTIONS, "OPTIONS", "/v1/apps", { headers: { origin: "https://app.test" } });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("POST /v1/apps", () => {
  it("creates an app in the workspace key's workspace, records app.created, and creates no API key", async () => {
    const body = { name: "Flat app", origin: "https://flat.test", callback_url: "https://flat.test/cb", colors: ["#112233"] };
    const res = await call(POST, "POST", "/v1/apps", { secret: t.workspaceKey, body });
    expectStatus(res, 200);
    expect(res.body.app).toMatchObject({ name: "Flat app", origin: "https://flat.test", workspace_id: t.workspace.id });
    expect(res.body.app.id).toMatch(/^app_[0-9A-Za-z]{20}$/);
    expect(res.body.app.public_key).toMatch(/BEGIN PUBLIC KEY/);
    const [row] = await appsNamed("Flat app");
    expect(row).toMatchObject({ workspaceId: t.workspace.id, callbackUrl: "https://flat.test/cb", colors: ["#112233"] });
    const db = await getDb();
    const keys = await db.select().from(apiKeys).where(eq(apiKeys.appId, row?.id ?? ""));
    expect(keys).toHaveLength(0);
    const evs = await db.select().from(events).where(and(eq(events.appId, row?.id ?? ""), eq(events.slug, "app.created")));
    expect(evs).toHaveLength(1);
  });

  it("accepts a body wrapped in `app`", async () => {
    const res = await call(POST, "POST", "/v1/apps", {
      secret: t.workspaceKey,
      body: { app: { name: "Wrapped app", origin: "https://wrapped.test" } },
    });
    expectStatus(res, 200);
    expect(res.body.app.name).toBe("Wrapped app");
  });

  it("accepts form-urlencoded bracket keys with JSON-string colours, and multipart", async () => {
    const form = new URLSearchParams({
      "app[name]": "Form app",
      "app[origin]": "https://form.test",
      "app[colors]": '["#AABBCC","#001122"]',
      "app[access_expiration]": "900",
    });
    const res = await call(POST, "POST", "/v1/apps", { secret: t.workspaceKey, body: form });
    expectStatus(res, 200);
    expect(res.body.app).toMatchObject({ colors: ["#AABBCC", "#001122"], access_expiration: 900 });
    const multipart = new FormData();
    multipart.set("name", "Multipart app");
    multipart.set("origin", "https://multipart.test");
    expectStatus(await call(POST, "POST", "/v1/apps", { secret: t.workspaceKey, body: multipart }), 200);
    expect(await appsNamed("Multipart app")).toHaveLength(1);
  });

  it("uses an app key's workspace, and narrows to a child with workspace_id", async () => {
    const byAppKey = await call(POST, "POST", "/v1/apps", {
      secret: t.appKey,
      body: { name: "By app key", origin: "https://bykey.test" },
    });
    expectStatus(byAppKey, 200);
    expect(byAppKey.body.app.workspace_id).toBe(t.workspace.id);
    const inChild = await call(POST, "POST", "/v1/apps", {
      secret: t.workspaceKey,
      body: { name: "In child", origin: "https://child.test", workspace_id: child.workspace.id },
    });
    expectStatus(inChild, 200);
    expect(inChild.body.app.workspace_id).toBe(child.workspace.id);
  });

  it("answers 403 workspace_mismatch and creates nothing for another workspace (T20)", async () => {
    const cases = [
      { secret: t.workspaceKey, body: { name: "Hijack 1", origin: "https://h.test", workspace_id: other.workspace.id } },
      { secret: child.workspaceKey, body: { name: "Hijack 2", origin: "https://h.test", workspace_id: t.workspace.id } },
      { secret: t.appKey, body: { name: "Hijack 3", origin: "https://h.test", workspace_id: child.workspace.id } },
      { secret: t.workspaceKey, body: { name: "Hijack 4", origin: "https://h.test" }, headers: { "x-workspace": other.workspace.id } },
    ];
    for (const [i, opts] of cases.entries()) {
      expectError(await call(POST, "POST", "/v1/apps", opts), 403, "workspace_mismatch");
      expect(await appsNamed(`Hijack ${i + 1}`)).toHaveLength(0);
    }
  });

  it.each(BAD_INPUT)("refuses %s and creates nothing", async (_label, patch, status, code) => {
    const name = `Bad ${Math.random()}`;
    const res = await call(POST, "POST", "/v1/apps", {
      secret: t.workspaceKey,
      body: { name, origin: "https://ok.test", ...patch },
    });
    expectError(res, status, code);
    expect(fieldsIn(res.body.errors)).toContain(Object.keys(patch)[0]);
    expect(await appsNamed(name)).toHaveLength(0);
  });

  it("refuses a missing name or origin, and malformed JSON", async () => {
    expectError(await call(POST, "POST", "/v1/apps", { secret: t.workspaceKey, body: { origin: "https://a.test" } }), 400, "bad_request");
    expectError(await call(POST, "POST", "/v1/apps", { secret: t.workspaceKey, body: { name: "No origin" } }), 400, "bad_request");
    const res = await call(POST, "POST", "/v1/apps", {
      secret: t.workspaceKey,
      body: '{"name": "Broken",',
      headers: { "content-type": "application/json" },
    });
    expectError(res, 400, "invalid_json");
  });

  it("rejects missing and invalid credentials before reading the body", async () => {
    const body = { name: "Anonymous", origin: "https://anon.test" };
    expectError(await call(POST, "POST", "/v1/apps", { body }), 401, "api_key_required");
    expectError(await call(POST, "POST", "/v1/apps", { body, secret: "scwor_nope" }), 401, "invalid_api_key");
    expect(await appsNamed("Anonymous")).toHaveLength(0);
  });
});

describe("POST /v1/apps with webauthn_rp_id (spec §9)", () => {
  it("stores a parent domain of the origin and additional origins, and answers it on the admin object", async () => {
    const res = await call(POST, "POST", "/v1/apps", {
      secret: t.workspaceKey,
      body: { name: "Parent RP app", origin: "https://login.example.com", additional_origins: ["https://example.com"], webauthn_rp_id: "example.com" },
    });
    expectStatus(res, 200);
    expect(res.body.app.webauthn_rp_id).toBe("example.com");
    const [row] = await appsNamed("Parent RP app");
    expect(row?.webauthnRpId).toBe("example.com");
    const plain = await call(POST, "POST", "/v1/apps", { secret: t.workspaceKey, body: { name: "Default RP app", origin: "https://a.example.com" } });
    expectStatus(plain, 200);
    expect(plain.body.app.webauthn_rp_id).toBeNull();
  });

  it.each([
    ["not a parent of the origin", { origin: "https://login.example.com", webauthn_rp_id: "ample.com" }],
    ["not a parent of an additional origin", { origin: "https://login.example.com", additional_origins: ["https://x.example.org"], webauthn_rp_id: "example.com" }],
    ["a public suffix", { origin: "https://login.example.co.uk", webauthn_rp_id: "co.uk" }],
    ["a top-level domain", { origin: "https://login.example.com", webauthn_rp_id: "com" }],
  ])("refuses an RP ID %s with 422 naming the field, and creates nothing", async (label, fields) => {
    const name = `Bad RP ${label}`;
    const res = await call(POST, "POST", "/v1/apps", { secret: t.workspaceKey, body: { name, ...fields } });
    expectError(res, 422, "validation_failed");
    expect(fieldsIn(res.body.errors)).toEqual(["webauthn_rp_id"]);
    expect(await appsNamed(name)).toHaveLength(0);
  });
});
