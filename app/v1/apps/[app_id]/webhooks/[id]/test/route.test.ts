import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { setWebhookResolverForTests } from "@/lib/webhooks/http-client";
import { verifySignature } from "@/lib/webhooks/signature";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { createEndpoint } from "@/test/webhooks-fixtures";
import { type Receiver, setWebhooksAllowPrivate, startReceiver } from "@/test/webhooks-receiver";
import { POST } from "./route";

let t: Tenant;
let other: Tenant;
let receiver: Receiver;
beforeAll(async () => {
  setWebhooksAllowPrivate(true);
  t = await createTenant();
  other = await createTenant();
  receiver = await startReceiver();
});
afterAll(async () => {
  setWebhooksAllowPrivate(false);
  setWebhookResolverForTests(null);
  await receiver.close();
});

const test = (tenant: Tenant, id: string, secret?: string, body?: unknown) =>
  call(POST, "POST", `/v1/apps/${tenant.app.publicId}/webhooks/${id}/test`, { params: { app_id: tenant.app.publicId, id }, secret, body });

describe("POST /v1/apps/{app_id}/webhooks/{id}/test", () => {
  it("sends a signed webhook.test now, records it, and sets last_ping_at", async () => {
    const ep = await createEndpoint(t, { url: receiver.url, event_types: ["user.created"] });
    receiver.respond(() => ({ status: 200, body: "pong" }));
    const res = await test(t, ep.id, t.appKey);
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ success: true, response_status: 200, response_time_ms: expect.any(Number) });
    expect(res.body.delivery).toMatchObject({ webhook_endpoint_id: ep.id, event_type: "webhook.test", status: "delivered", retry_count: 1, event_id: null });
    expect(res.body.delivery.payload).toMatchObject({ id: res.body.delivery.id, event_type: "webhook.test", app_id: t.app.publicId, api_version: "v1" });
    const [got] = receiver.received;
    expect(got?.headers["user-agent"]).toMatch(/-Webhooks\/1\.0$/);
    expect(got?.headers["content-type"]).toBe("application/json");
    expect(verifySignature(String(got?.headers["x-webhook-signature"]), got?.body ?? "", ep.secret)).toBe(true);
    expect(JSON.parse(got?.body ?? "{}").id).toBe(res.body.delivery.id);
    const db = await getDb();
    const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, ep.id));
    expect(row?.lastPingAt).toBeInstanceOf(Date);
    const attempts = await db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, res.body.delivery.id));
    expect(attempts).toMatchObject([{ trigger: "test", success: true, responseStatus: 200, responseBody: "pong" }]);
  });

  it("reports a failing receiver with status and timing only, never its body (T29)", async () => {
    const ep = await createEndpoint(t, { url: receiver.url, event_types: ["user.created"] });
    receiver.respond(() => ({ status: 500, body: `SECRET-INTERNAL-MARKER ${"x".repeat(4000)}` }));
    const res = await test(t, ep.id, t.appKey, { event_type: "user.created" });
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ success: false, response_status: 500 });
    expect(res.body.delivery).toMatchObject({ status: "failed", event_type: "user.created" });
    expect(res.text).not.toContain("SECRET-INTERNAL-MARKER");
    // Not retried: the test delivery is final.
    const [row] = await (await getDb()).select().from(webhookDeliveries).where(eq(webhookDeliveries.id, res.body.delivery.id));
    expect(row).toMatchObject({ status: "failed", lockedBy: null });
    expect(row?.responseBody?.length).toBeLessThanOrEqual(1024);
  });

  it("follows the same SSRF rules as deliveries", async () => {
    setWebhooksAllowPrivate(false);
    try {
      setWebhookResolverForTests(async () => [{ address: "93.184.216.34", family: 4 }]);
      const ep = await createEndpoint(t, { url: `https://rebind.example:${receiver.port}/hook` });
      const before = receiver.connections;
      setWebhookResolverForTests(async () => [{ address: "127.0.0.1", family: 4 }]);
      const res = await test(t, ep.id, t.appKey);
      expectStatus(res, 200);
      expect(res.body).toMatchObject({ success: false, response_status: null });
      expect(res.body.delivery.failure_reason).toBe("blocked_destination");
      expect(receiver.connections).toBe(before);
    } finally {
      setWebhookResolverForTests(null);
      setWebhooksAllowPrivate(true);
    }
  });

  it("refuses unknown event types, other tenants and missing keys, sending nothing", async () => {
    const ep = await createEndpoint(t, { url: receiver.url, event_types: ["user.created"] });
    const before = receiver.received.length;
    expectError(await test(t, ep.id, t.appKey, { event_type: "nope" }), 400, "invalid_event_type");
    expectError(await test(t, ep.id), 401, "api_key_required");
    expectError(await test(t, ep.id, other.workspaceKey), 404, "app_not_found");
    expectError(await test(other, ep.id, other.appKey), 404, "webhook_not_found");
    expect(receiver.received.length).toBe(before);
  });
});
