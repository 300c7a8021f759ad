import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { verifySignature } from "@/lib/webhooks/signature";
import { runWebhookWorkerOnce } from "@/lib/webhooks/worker";
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

const replay = (tenant: Tenant, id: string, deliveryId: string, secret: string | null = tenant.appKey) =>
  call(POST, "POST", `/v1/apps/${tenant.app.publicId}/webhooks/${id}/deliveries/${deliveryId}/replay`, {
    params: { app_id: tenant.app.publicId, id, delivery_id: deliveryId },
    secret: secret ?? undefined,
  });
const deliveryOf = async (endpointId: string) =>
  (await (await getDb()).select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId)))[0];

/** Wait for the next whole second, so a new signature cannot share the previous `t`. */
const nextSecond = () => new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 5));

async function deliveredOnce(): Promise<{ ep: { id: string; secret: string }; deliveryId: string }> {
  const ep = await createEndpoint(t, { url: receiver.url, event_types: ["user.created"], retry_limit: 0 });
  await emitEvent(t, "user.created", { user_id: "u-replay" });
  for (let i = 0; i < 50 && (await deliveryOf(ep.id))?.status !== "delivered"; i++) await runWebhookWorkerOnce();
  const d = await deliveryOf(ep.id);
  expect(d?.status).toBe("delivered");
  return { ep, deliveryId: d?.id ?? "" };
}

describe("POST /v1/apps/{app_id}/webhooks/{id}/deliveries/{delivery_id}/replay", () => {
  it("re-sends the same id and body with a fresh timestamp and signature, recorded as a replay attempt", async () => {
    receiver.received.length = 0;
    const { ep, deliveryId } = await deliveredOnce();
    await nextSecond();
    const res = await replay(t, ep.id, deliveryId);
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ success: true, response_status: 200 });
    expect(res.body.delivery).toMatchObject({ id: deliveryId, status: "delivered", retry_count: 2 });
    const [first, second] = receiver.received;
    expect(second?.body).toBe(first?.body);
    expect(JSON.parse(second?.body ?? "").id).toBe(deliveryId);
    const sig1 = String(first?.headers["x-webhook-signature"]);
    const sig2 = String(second?.headers["x-webhook-signature"]);
    expect(sig2).not.toBe(sig1);
    expect(Number(/^t=(\d+)/.exec(sig2)?.[1])).toBeGreaterThan(Number(/^t=(\d+)/.exec(sig1)?.[1]));
    expect(verifySignature(sig2, second?.body ?? "", ep.secret)).toBe(true);
    const attempts = await (await getDb()).select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, deliveryId)).orderBy(webhookAttempts.attempt);
    expect(attempts.map((a) => [a.attempt, a.trigger, a.success])).toEqual([
      [1, "automatic", true],
      [2, "replay", true],
    ]);
  });

  it("delivers a failed delivery on replay; a failed replay leaves the status as it was", async () => {
    receiver.respond(() => ({ status: 500, body: "down" }));
    const ep = await createEndpoint(t, { url: receiver.url, event_types: ["user.updated"], retry_limit: 0 });
    await emitEvent(t, "user.updated");
    for (let i = 0; i < 50 && (await deliveryOf(ep.id))?.status !== "failed"; i++) await runWebhookWorkerOnce();
    const d = await deliveryOf(ep.id);
    expect(d?.status).toBe("failed");
    const stillDown = await replay(t, ep.id, d?.id ?? "");
    expectStatus(stillDown, 200);
    expect(stillDown.body).toMatchObject({ success: false, response_status: 500, delivery: { status: "failed", retry_count: 2 } });
    expect(stillDown.text).not.toContain("down");
    receiver.respond(() => ({ status: 200, body: "ok" }));
    const fixed = await replay(t, ep.id, d?.id ?? "");
    expect(fixed.body).toMatchObject({ success: true, delivery: { status: "delivered", retry_count: 3 } });
  });

  it("refuses while the delivery is being sent, and for a disabled endpoint", async () => {
    const { ep, deliveryId } = await deliveredOnce();
    const db = await getDb();
    await db
      .update(webhookDeliveries)
      .set({ status: "processing", lockedBy: "someone", lockedUntil: new Date(Date.now() + 60_000) })
      .where(eq(webhookDeliveries.id, deliveryId));
    const before = receiver.received.length;
    expectError(await replay(t, ep.id, deliveryId), 409, "webhook_delivery_in_progress");
    await db.update(webhookDeliveries).set({ status: "delivered", lockedBy: null, lockedUntil: null }).where(eq(webhookDeliveries.id, deliveryId));
    await db.update(webhookEndpoints).set({ enabled: false }).where(eq(webhookEndpoints.id, ep.id));
    expectError(await replay(t, ep.id, deliveryId), 409, "conflict");
    expect(receiver.received.length).toBe(before);
  });

  it("answers 404 for unknown deliveries and other tenants, sending nothing (T19)", async () => {
    const { ep, deliveryId } = await deliveredOnce();
    const other2 = await createEndpoint(t, { url: receiver.url, event_types: ["user.deleted"] });
    const before = receiver.received.length;
    expectError(await replay(t, ep.id, "00000000-0000-7000-8000-000000000000"), 404, "webhook_delivery_not_found");
    expectError(await replay(t, ep.id, "nope"), 404, "webhook_delivery_not_found");
    // A delivery id under another endpoint of the same app.
    expectError(await replay(t, other2.id, deliveryId), 404, "webhook_delivery_not_found");
    expectError(await replay(other, ep.id, deliveryId), 404, "webhook_not_found");
    expectError(await replay(t, ep.id, deliveryId, other.workspaceKey), 404, "app_not_found");
    expectError(await replay(t, ep.id, deliveryId, null), 401, "api_key_required");
    expect(receiver.received.length).toBe(before);
  });
});
