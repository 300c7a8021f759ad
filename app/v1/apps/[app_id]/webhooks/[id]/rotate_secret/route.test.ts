import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { events, webhookEndpoints } from "@/db/schema";
import { runWebhookWorkerOnce } from "@/lib/webhooks/worker";
import { verifySignature } from "@/lib/webhooks/signature";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { createEndpoint, emitEvent } from "@/test/webhooks-fixtures";
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
  await receiver.close();
});

const rotate = (tenant: Tenant, id: string, secret?: string) =>
  call(POST, "POST", `/v1/apps/${tenant.app.publicId}/webhooks/${id}/rotate_secret`, { params: { app_id: tenant.app.publicId, id }, secret });

describe("POST /v1/apps/{app_id}/webhooks/{id}/rotate_secret", () => {
  it("issues a new secret; deliveries carry both signatures for 24 h, then only the new one", async () => {
    const ep = await createEndpoint(t, { url: receiver.url, event_types: ["user.created"] });
    const res = await rotate(t, ep.id, t.appKey);
    expectStatus(res, 200);
    const fresh = res.body.secret as string;
    expect(fresh).toMatch(/^whsec_/);
    expect(fresh).not.toBe(ep.secret);
    const expires = Date.parse(res.body.previous_secret_expires_at);
    expect(expires - Date.now()).toBeGreaterThan(24 * 3600_000 - 60_000);
    expect(expires - Date.now()).toBeLessThanOrEqual(24 * 3600_000);

    await emitEvent(t, "user.created", { user_id: "u1" });
    await runWebhookWorkerOnce();
    const [first] = await receiver.waitFor(1);
    const header = String(first?.headers["x-webhook-signature"]);
    expect(header.split(",").filter((p) => p.startsWith("v1="))).toHaveLength(2);
    expect(verifySignature(header, first?.body ?? "", fresh)).toBe(true);
    expect(verifySignature(header, first?.body ?? "", ep.secret)).toBe(true);

    // After the overlap only the new secret signs.
    await (await getDb()).update(webhookEndpoints).set({ previousSecretExpiresAt: new Date(Date.now() - 1000) }).where(eq(webhookEndpoints.id, ep.id));
    await emitEvent(t, "user.created", { user_id: "u2" });
    await runWebhookWorkerOnce();
    const [, second] = await receiver.waitFor(2);
    const header2 = String(second?.headers["x-webhook-signature"]);
    expect(header2.split(",").filter((p) => p.startsWith("v1="))).toHaveLength(1);
    expect(verifySignature(header2, second?.body ?? "", fresh)).toBe(true);
    expect(verifySignature(header2, second?.body ?? "", ep.secret)).toBe(false);

    const [ev] = await (await getDb()).select().from(events).where(and(eq(events.appId, t.app.id), eq(events.slug, "webhook.secret_rotated")));
    expect(JSON.stringify(ev)).not.toContain(fresh);
  });

  it("refuses other tenants and unknown endpoints, and rotates nothing", async () => {
    const ep = await createEndpoint(t, { url: receiver.url, enabled: false });
    expectError(await rotate(t, ep.id), 401, "api_key_required");
    expectError(await rotate(t, ep.id, other.workspaceKey), 404, "app_not_found");
    expectError(await rotate(other, ep.id, other.appKey), 404, "webhook_not_found");
    expectError(await rotate(t, "nope", t.appKey), 404, "webhook_not_found");
    const [row] = await (await getDb()).select().from(webhookEndpoints).where(eq(webhookEndpoints.id, ep.id));
    expect(row?.previousSecretSealed).toBeNull();
  });
});
