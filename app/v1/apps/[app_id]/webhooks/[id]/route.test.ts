import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { apiKeys, events, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { systemCtx } from "@/lib/context";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { createEndpoint, emitEvent } from "@/test/webhooks-fixtures";
import { DELETE, GET, PATCH, PUT } from "./route";

let t: Tenant;
let other: Tenant;
let revokedKey: string;
let endpoint: { id: string; secret: string };
beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
  const { row, token } = await createApiKey({
    ctx: systemCtx(),
    input: { kind: "app", workspaceId: t.workspace.id, appId: t.app.id, nickname: "soon revoked" },
  });
  await (await getDb()).update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, row.id));
  revokedKey = token;
  endpoint = await createEndpoint(t, { url: "https://hooks.example.com/one", event_types: ["user.created"] });
});

const path = (tenant: Tenant, id: string) => `/v1/apps/${tenant.app.publicId}/webhooks/${id}`;
const opts = (tenant: Tenant, id: string, secret: string | null, body?: unknown) => ({
  params: { app_id: tenant.app.publicId, id },
  secret: secret ?? undefined,
  body,
});
const get = (tenant: Tenant, id: string, secret: string | null = tenant.appKey) => call(GET, "GET", path(tenant, id), opts(tenant, id, secret));
const patch = (tenant: Tenant, id: string, body: unknown, secret: string | null = tenant.appKey) =>
  call(PATCH, "PATCH", path(tenant, id), opts(tenant, id, secret, body));
const endpointRow = async (id: string) => (await (await getDb()).select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)))[0];

describe("GET /v1/apps/{app_id}/webhooks/{id}", () => {
  it("returns the endpoint with its secret", async () => {
    const res = await get(t, endpoint.id);
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ id: endpoint.id, url: "https://hooks.example.com/one", secret: endpoint.secret, event_types: ["user.created"] });
    expectStatus(await get(t, endpoint.id, t.workspaceKey), 200);
  });

  it("answers 404 for unknown and malformed ids, and another workspace's key sees nothing (T19)", async () => {
    expectError(await get(t, "00000000-0000-7000-8000-000000000000"), 404, "webhook_not_found");
    expectError(await get(t, "not-a-uuid"), 404, "webhook_not_found");
    // The endpoint id through another app's path, with that app's own key: not found.
    const cross = await get(other, endpoint.id);
    expectError(cross, 404, "webhook_not_found");
    expect(cross.text).not.toContain(endpoint.secret);
    const foreign = await get(t, endpoint.id, other.workspaceKey);
    expectError(foreign, 404, "app_not_found");
    expect(foreign.text).not.toContain("hooks.example.com");
    expectError(await get(t, endpoint.id, other.appKey), 403, "api_key_not_authorized");
    expectError(await get(t, endpoint.id, null), 401, "api_key_required");
    expectError(await get(t, endpoint.id, revokedKey), 401, "invalid_api_key");
  });
});

describe("PATCH and PUT /v1/apps/{app_id}/webhooks/{id}", () => {
  it("changes only the given fields and records webhook.updated", async () => {
    const res = await patch(t, endpoint.id, { webhook: { description: "Renamed", retry_limit: 5 } });
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ description: "Renamed", retry_limit: 5, url: "https://hooks.example.com/one", event_types: ["user.created"], secret: endpoint.secret });
    const put = await call(PUT, "PUT", path(t, endpoint.id), opts(t, endpoint.id, t.appKey, { event_types: ["user.created", "user.updated"], metadata: { env: "prod" } }));
    expectStatus(put, 200);
    expect(put.body).toMatchObject({ description: "Renamed", event_types: ["user.created", "user.updated"], metadata: { env: "prod" } });
    const evs = await (await getDb()).select().from(events).where(and(eq(events.appId, t.app.id), eq(events.slug, "webhook.updated")));
    expect(evs.length).toBeGreaterThanOrEqual(2);
  });

  it("re-enabling clears the system's disabled_reason", async () => {
    await (await getDb()).update(webhookEndpoints).set({ enabled: false, disabledReason: "The endpoint answered 410 Gone" }).where(eq(webhookEndpoints.id, endpoint.id));
    const res = await patch(t, endpoint.id, { enabled: true });
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ enabled: true, disabled_reason: null });
  });

  it.each([
    ["a blocked url", { url: "https://192.168.1.1/" }, 400, "webhook_url_blocked"],
    ["an http url", { url: "http://hooks.example.com/" }, 400, "webhook_url_blocked"],
    ["retry_limit 11", { retry_limit: 11 }, 422, "validation_failed"],
    ["an unknown event type", { event_types: ["nope.nope"] }, 400, "invalid_event_type"],
    ["an empty event list", { event_types: [] }, 400, "invalid_event_type"],
    ["a non-boolean enabled", { enabled: "maybe" }, 400, "bad_request"],
  ])("refuses %s and changes nothing", async (_label, body, status, code) => {
    const before = await endpointRow(endpoint.id);
    expectError(await patch(t, endpoint.id, body), status, code);
    expect(await endpointRow(endpoint.id)).toEqual(before);
  });

  it("cannot change another tenant's endpoint (T19)", async () => {
    const before = await endpointRow(endpoint.id);
    expectError(await patch(t, endpoint.id, { description: "pwned" }, other.workspaceKey), 404, "app_not_found");
    expectError(await patch(other, endpoint.id, { description: "pwned" }), 404, "webhook_not_found");
    expectError(await patch(t, endpoint.id, { description: "pwned" }, revokedKey), 401, "invalid_api_key");
    expect(await endpointRow(endpoint.id)).toEqual(before);
  });
});

describe("DELETE /v1/apps/{app_id}/webhooks/{id}", () => {
  it("deletes the endpoint with its queued deliveries; a second delete is 404", async () => {
    const doomed = await createEndpoint(t, { url: "https://hooks.example.com/doomed" });
    const { eventId } = await emitEvent(t, "user.created", { user_id: "u1" });
    const db = await getDb();
    const queued = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, doomed.id));
    expect(queued.filter((d) => d.eventId === eventId)).toHaveLength(1);
    expectError(await call(DELETE, "DELETE", path(t, doomed.id), opts(t, doomed.id, other.workspaceKey)), 404, "app_not_found");
    expectError(await call(DELETE, "DELETE", path(other, doomed.id), opts(other, doomed.id, other.appKey)), 404, "webhook_not_found");
    expect(await endpointRow(doomed.id)).toBeDefined();
    const res = await call(DELETE, "DELETE", path(t, doomed.id), opts(t, doomed.id, t.appKey));
    expectStatus(res, 200);
    expect(res.body).toEqual({ message: "ok" });
    expect(await endpointRow(doomed.id)).toBeUndefined();
    expect(await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, doomed.id))).toHaveLength(0);
    expectError(await call(DELETE, "DELETE", path(t, doomed.id), opts(t, doomed.id, t.appKey)), 404, "webhook_not_found");
  });
});
