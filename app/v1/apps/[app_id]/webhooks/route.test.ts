import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { apiKeys, events, webhookEndpoints } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { systemCtx } from "@/lib/context";
import { openWebhookSecret } from "@/lib/webhooks/secret";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { setWebhooksAllowPrivate } from "@/test/webhooks-receiver";
import { GET, POST } from "./route";

let t: Tenant;
let other: Tenant;
let child: Tenant;
let revokedKey: string;
beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
  child = await createTenant({ parentWorkspaceId: t.workspace.id });
  const { row, token } = await createApiKey({
    ctx: systemCtx(),
    input: { kind: "app", workspaceId: t.workspace.id, appId: t.app.id, nickname: "soon revoked" },
  });
  await (await getDb()).update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, row.id));
  revokedKey = token;
});
afterAll(() => setWebhooksAllowPrivate(false));

const url = (tenant: Tenant) => `/v1/apps/${tenant.app.publicId}/webhooks`;
const list = (tenant: Tenant, secret?: string) => call(GET, "GET", url(tenant), { params: { app_id: tenant.app.publicId }, secret });
/** `secret: null` sends no credential. */
const create = (tenant: Tenant, body: unknown, secret: string | null = tenant.appKey) =>
  call(POST, "POST", url(tenant), { params: { app_id: tenant.app.publicId }, secret: secret ?? undefined, body });
const endpointsOf = async (tenant: Tenant) =>
  (await getDb()).select().from(webhookEndpoints).where(eq(webhookEndpoints.appId, tenant.app.id));

const ENDPOINT_KEYS = [
  "created_at",
  "description",
  "disabled_reason",
  "enabled",
  "event_types",
  "id",
  "last_ping_at",
  "metadata",
  "retry_limit",
  "updated_at",
  "url",
  "version",
];

describe("POST /v1/apps/{app_id}/webhooks", () => {
  it("creates an endpoint with defaults and returns its whsec_ secret, sealed at rest", async () => {
    const res = await create(t, { webhook: { url: "https://hooks.example.com/tessera", description: "Production" } });
    expectStatus(res, 200);
    const w = res.body;
    expect(Object.keys(w).sort()).toEqual([...ENDPOINT_KEYS, "previous_secret_expires_at", "secret"].sort());
    expect(w).toMatchObject({
      url: "https://hooks.example.com/tessera",
      description: "Production",
      enabled: true,
      event_types: ["*"],
      retry_limit: 3,
      version: "v1",
      metadata: {},
      disabled_reason: null,
      last_ping_at: null,
      previous_secret_expires_at: null,
    });
    expect(w.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const [row] = (await endpointsOf(t)).filter((r) => r.id === w.id);
    expect(row?.secretSealed).not.toContain(w.secret.slice(6));
    expect(openWebhookSecret(row?.secretSealed ?? "")).toBe(w.secret);
    const [ev] = await (await getDb()).select().from(events).where(and(eq(events.appId, t.app.id), eq(events.slug, "webhook.created")));
    expect(ev?.params).toMatchObject({ webhook_id: w.id });
    expect(JSON.stringify(ev)).not.toContain(w.secret);
  });

  it("accepts every field, flat and form bodies; dedupes event types", async () => {
    const res = await create(t, {
      url: "https://hooks.example.com/all",
      enabled: false,
      event_types: ["user.created", "user.updated", "user.created"],
      retry_limit: 0,
      metadata: { environment: "staging" },
    });
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ enabled: false, event_types: ["user.created", "user.updated"], retry_limit: 0, metadata: { environment: "staging" } });
    const form = await create(
      t,
      new URLSearchParams({ url: "https://hooks.example.com/form", retry_limit: "10", event_types: '["user.created"]', enabled: "true" }),
    );
    expectStatus(form, 200);
    expect(form.body).toMatchObject({ retry_limit: 10, event_types: ["user.created"], enabled: true });
    // "*" with other names is just "*".
    expect((await create(t, { url: "https://hooks.example.com/star", event_types: ["user.created", "*"] })).body.event_types).toEqual(["*"]);
  });

  it.each([
    ["a missing url", {}, 400, "bad_request"],
    ["an http url", { url: "http://hooks.example.com/" }, 400, "webhook_url_blocked"],
    ["a loopback url", { url: "https://127.0.0.1/" }, 400, "webhook_url_blocked"],
    ["the metadata address", { url: "https://169.254.169.254/latest/meta-data/" }, 400, "webhook_url_blocked"],
    ["an IPv4-mapped loopback", { url: "https://[::ffff:7f00:1]/" }, 400, "webhook_url_blocked"],
    ["a decimal loopback", { url: "https://2130706433/" }, 400, "webhook_url_blocked"],
    ["a private-range url", { url: "https://10.0.0.1/" }, 400, "webhook_url_blocked"],
    ["userinfo", { url: "https://u:p@hooks.example.com/" }, 400, "webhook_url_blocked"],
    ["a database port", { url: "https://hooks.example.com:5432/" }, 400, "webhook_url_blocked"],
    ["a file url", { url: "file:///etc/passwd" }, 400, "webhook_url_blocked"],
    ["retry_limit 11", { url: "https://hooks.example.com/", retry_limit: 11 }, 422, "validation_failed"],
    ["retry_limit -1", { url: "https://hooks.example.com/", retry_limit: -1 }, 422, "validation_failed"],
    ["retry_limit 1.5", { url: "https://hooks.example.com/", retry_limit: 1.5 }, 400, "bad_request"],
    ["an unknown event type", { url: "https://hooks.example.com/", event_types: ["user.exploded"] }, 400, "invalid_event_type"],
    ["an empty event list", { url: "https://hooks.example.com/", event_types: [] }, 400, "invalid_event_type"],
    ["non-object metadata", { url: "https://hooks.example.com/", metadata: "x" }, 400, "bad_request"],
    ["huge metadata", { url: "https://hooks.example.com/", metadata: { x: "y".repeat(5000) } }, 422, "validation_failed"],
  ])("refuses %s and creates nothing", async (_label, body, status, code) => {
    const before = (await endpointsOf(t)).length;
    expectError(await create(t, body), status, code);
    expect(await endpointsOf(t)).toHaveLength(before);
  });

  it("allows http and loopback receivers only with TESSERA_WEBHOOKS_ALLOW_PRIVATE", async () => {
    expectError(await create(t, { url: "http://127.0.0.1:4000/hook" }), 400, "webhook_url_blocked");
    setWebhooksAllowPrivate(true);
    try {
      expectStatus(await create(t, { url: "http://127.0.0.1:4000/hook" }), 200);
    } finally {
      setWebhooksAllowPrivate(false);
    }
  });

  it("enforces the tenant rules and creates nothing (T19)", async () => {
    const body = { url: "https://hooks.example.com/intruder" };
    expectError(await create(other, body, null), 401, "api_key_required");
    expectError(await create(t, body, revokedKey), 401, "invalid_api_key");
    expectError(await create(other, body, t.appKey), 403, "api_key_not_authorized");
    expectError(await create(other, body, t.workspaceKey), 404, "app_not_found");
    expectError(await create(t, body, child.workspaceKey), 404, "app_not_found");
    expect((await endpointsOf(other)).map((r) => r.url)).not.toContain(body.url);
    expect((await endpointsOf(t)).map((r) => r.url)).not.toContain(body.url);
  });

  it("lets a parent workspace key manage a child's webhooks", async () => {
    expectStatus(await create(child, { url: "https://hooks.example.com/child" }, t.workspaceKey), 200);
    expect((await endpointsOf(child)).map((r) => r.url)).toEqual(["https://hooks.example.com/child"]);
  });
});

describe("GET /v1/apps/{app_id}/webhooks", () => {
  it("lists the app's endpoints oldest first, without secrets", async () => {
    const res = await list(t, t.workspaceKey);
    expectStatus(res, 200);
    const rows = await endpointsOf(t);
    expect(res.body.webhooks.map((w: { id: string }) => w.id).sort()).toEqual(rows.map((r) => r.id).sort());
    expect(res.body.webhooks[0].url).toBe("https://hooks.example.com/tessera");
    for (const w of res.body.webhooks) expect(Object.keys(w).sort()).toEqual(ENDPOINT_KEYS);
    expect(res.text).not.toContain("whsec_");
  });

  it("shows nothing of another app's endpoints and enforces auth", async () => {
    const res = await list(other, other.appKey);
    expectStatus(res, 200);
    expect(res.body.webhooks).toEqual([]);
    expectError(await list(t), 401, "api_key_required");
    expectError(await list(t, revokedKey), 401, "invalid_api_key");
    expectError(await list(t, other.appKey), 403, "api_key_not_authorized");
    const leak = await list(t, other.workspaceKey);
    expectError(leak, 404, "app_not_found");
    expect(leak.text).not.toContain("hooks.example.com");
  });
});
