import { createHmac, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { members, memberships, notifications, webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { verifySignature } from "@/lib/webhooks/signature";
import { claimDeliveries, processDelivery, runWebhookWorkerOnce, startWebhookWorker } from "@/lib/webhooks/worker";
import { createTenant } from "@/test/harness";
import { createEndpoint, emitEvent } from "@/test/webhooks-fixtures";
import { type Receiver, setWebhookEnv, setWebhooksAllowPrivate, startReceiver } from "@/test/webhooks-receiver";

let receiver: Receiver;
let restoreEnv: () => void = () => {};
beforeAll(async () => {
  setWebhooksAllowPrivate(true);
  restoreEnv = setWebhookEnv({ TESSERA_WEBHOOK_RETRY_BASE_SECONDS: "0.2" });
  receiver = await startReceiver();
});
afterAll(async () => {
  restoreEnv();
  setWebhooksAllowPrivate(false);
  await receiver.close();
});

/**
 * A receiver-side check written from the spec text (§16.4) alone, sharing no
 * code with lib/webhooks/signature.ts: split on ",", take `t=` and every
 * `v1=`, HMAC-SHA256 "<t>.<raw body>" keyed with the secret, lowercase hex,
 * constant-time compare, 5-minute tolerance. (No Stripe package is installed;
 * `standardwebhooks` is, and checks the Standard Webhooks headers below.)
 */
function independentVerify(header: string, rawBody: string, secret: string): boolean {
  let t: string | undefined;
  const v1: string[] = [];
  for (const item of header.split(",")) {
    const [k, v] = item.split("=", 2);
    if (k === "t") t = v;
    if (k === "v1" && v) v1.push(v);
  }
  if (!t || Math.abs(Date.now() / 1000 - Number(t)) > 300) return false;
  const mac = Buffer.from(createHmac("sha256", secret).update(`${t}.${rawBody}`).digest("hex"));
  return v1.some((s) => s.length === mac.length && timingSafeEqual(Buffer.from(s), mac));
}

const deliveriesOf = async (endpointId: string) =>
  (await getDb()).select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));
const attemptsOf = async (deliveryId: string) =>
  (await getDb()).select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, deliveryId)).orderBy(webhookAttempts.attempt);

async function drain(until: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await until())) {
    if (Date.now() > deadline) throw new Error("queue did not drain in time");
    await runWebhookWorkerOnce();
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("delivery (spec §16.3–16.5)", () => {
  it("delivers user.created to a loopback receiver within a second, signed correctly", async () => {
    const t = await createTenant();
    const ep = await createEndpoint(t, { url: receiver.url, event_types: ["user.created"] });
    const worker = startWebhookWorker({ pollMs: 50 });
    try {
      const start = Date.now();
      receiver.received.length = 0;
      const { eventId, queued } = await emitEvent(t, "user.created", { user_id: "0193c0de-0000-7000-8000-0000000000aa", email: "ada@example.com" });
      expect(queued).toBe(1);
      const [got] = await receiver.waitFor(1, 1_000);
      expect(Date.now() - start).toBeLessThan(1_000);
      if (!got) throw new Error("nothing received");
      const payload = JSON.parse(got.body);
      const [delivery] = await deliveriesOf(ep.id);
      expect(payload).toEqual({
        id: delivery?.id,
        created_at: expect.any(String),
        event_type: "user.created",
        app_id: t.app.publicId,
        data: { user_id: "0193c0de-0000-7000-8000-0000000000aa", email: "ada@example.com" },
        api_version: "v1",
      });
      expect(delivery?.eventId).toBe(eventId);
      // Exactly the stored bytes were sent and signed.
      expect(got.body).toBe(delivery?.body);
      const sig = String(got.headers["x-webhook-signature"]);
      expect(sig).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(verifySignature(sig, got.body, ep.secret)).toBe(true);
      expect(independentVerify(sig, got.body, ep.secret)).toBe(true);
      expect(independentVerify(sig, `${got.body} `, ep.secret)).toBe(false);
      // The Standard Webhooks headers verify with the standardwebhooks library.
      const headers = Object.fromEntries(Object.entries(got.headers).map(([k, v]) => [k, String(v)]));
      expect(new Webhook(ep.secret).verify(got.body, headers)).toEqual(payload);
      expect(got.headers["webhook-id"]).toBe(payload.id);
      await drain(async () => (await deliveriesOf(ep.id))[0]?.status === "delivered", 2_000);
    } finally {
      await worker.stop();
    }
  });

  it("retries a receiver answering 500 twice then 200: three attempts, growing gaps, delivered", async () => {
    const t = await createTenant();
    const ep = await createEndpoint(t, { url: receiver.url, event_types: ["user.updated"], retry_limit: 3 });
    receiver.received.length = 0;
    let n = 0;
    receiver.respond(() => (++n <= 2 ? { status: 500, body: `fail ${n}` } : { status: 200, body: "ok" }));
    await emitEvent(t, "user.updated", { user_id: "u" });
    await drain(async () => (await deliveriesOf(ep.id))[0]?.status === "delivered");
    receiver.respond(() => ({ status: 200, body: "ok" }));
    const got = receiver.received;
    expect(got).toHaveLength(3);
    const ids = got.map((r) => JSON.parse(r.body).id);
    expect(new Set(ids).size).toBe(1);
    const ts = got.map((r) => String(r.headers["x-webhook-signature"]));
    for (const [i, r] of got.entries()) expect(verifySignature(ts[i] ?? "", r.body, ep.secret)).toBe(true);
    const gap1 = (got[1]?.at ?? 0) - (got[0]?.at ?? 0);
    const gap2 = (got[2]?.at ?? 0) - (got[1]?.at ?? 0);
    // base 0.2 s: ~0.2 s then ~1 s (±10 % jitter).
    expect(gap1).toBeGreaterThanOrEqual(170);
    expect(gap2).toBeGreaterThanOrEqual(880);
    expect(gap2).toBeGreaterThan(gap1);
    const [delivery] = await deliveriesOf(ep.id);
    expect(delivery).toMatchObject({ status: "delivered", retryCount: 3, responseStatus: 200, lockedBy: null });
    const attempts = await attemptsOf(delivery?.id ?? "");
    expect(attempts.map((a) => [a.attempt, a.success, a.responseStatus, a.responseBody])).toEqual([
      [1, false, 500, "fail 1"],
      [2, false, 500, "fail 2"],
      [3, true, 200, "ok"],
    ]);
    expect(attempts.every((a) => a.durationMs >= 0 && a.trigger === "automatic")).toBe(true);
  });

  it("gives up after retry_limit retries and marks the delivery failed", async () => {
    const t = await createTenant();
    const ep = await createEndpoint(t, { url: receiver.url, event_types: ["user.login"], retry_limit: 1 });
    receiver.respond(() => ({ status: 503 }));
    try {
      await emitEvent(t, "user.login");
      await drain(async () => (await deliveriesOf(ep.id))[0]?.status === "failed");
    } finally {
      receiver.respond(() => ({ status: 200, body: "ok" }));
    }
    const [d] = await deliveriesOf(ep.id);
    expect(d).toMatchObject({ status: "failed", retryCount: 2, failureReason: "http_status (503)" });
    expect(await attemptsOf(d?.id ?? "")).toHaveLength(2);
  });

  it("treats a redirect as a failure and does not follow it", async () => {
    const t = await createTenant();
    const canary = await startReceiver();
    const ep = await createEndpoint(t, { url: receiver.url, event_types: ["user.logout"], retry_limit: 0 });
    receiver.respond(() => ({ status: 307, headers: { location: canary.url } }));
    try {
      await emitEvent(t, "user.logout");
      await drain(async () => (await deliveriesOf(ep.id))[0]?.status === "failed");
    } finally {
      receiver.respond(() => ({ status: 200, body: "ok" }));
      await canary.close();
    }
    expect(canary.connections).toBe(0);
    expect((await deliveriesOf(ep.id))[0]?.failureReason).toBe("redirect_not_followed (307)");
  });

  it("disables an endpoint that answers 410 and notifies the workspace's members once", async () => {
    const t = await createTenant();
    const db = await getDb();
    const [member] = await db.insert(members).values({ email: `owner-${t.app.id}@example.com` }).returning();
    if (!member) throw new Error("member");
    await db.insert(memberships).values({ workspaceId: t.workspace.id, memberId: member.id, role: "owner" });
    const ep = await createEndpoint(t, { url: receiver.url, event_types: ["user.created"], retry_limit: 5 });
    receiver.respond(() => ({ status: 410 }));
    try {
      await emitEvent(t, "user.created");
      await emitEvent(t, "user.created");
      await drain(async () => (await deliveriesOf(ep.id)).every((d) => d.status === "failed"));
    } finally {
      receiver.respond(() => ({ status: 200, body: "ok" }));
    }
    const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, ep.id));
    expect(row).toMatchObject({ enabled: false, disabledReason: "The endpoint answered 410 Gone" });
    const ds = await deliveriesOf(ep.id);
    // One delivery got the 410; anything after it was not sent (the endpoint is disabled).
    const attempts = (await Promise.all(ds.map((d) => attemptsOf(d.id)))).flat();
    expect(attempts.length).toBeGreaterThanOrEqual(1);
    expect(attempts.every((a) => a.responseStatus === 410)).toBe(true);
    const notes = await db.select().from(notifications).where(eq(notifications.workspaceId, t.workspace.id));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ memberId: member.id, appId: t.app.id, category: "delivery", dedupeKey: `webhook_gone:${ep.id}` });
    // Disabled endpoints receive nothing more: new events are not even queued.
    expect((await emitEvent(t, "user.created")).queued).toBe(0);
  });

  it("fans out only to enabled endpoints whose event types match", async () => {
    const t = await createTenant();
    const all = await createEndpoint(t, { url: receiver.url });
    const users = await createEndpoint(t, { url: receiver.url, event_types: ["user.created"] });
    const off = await createEndpoint(t, { url: receiver.url, enabled: false });
    const other = await createEndpoint(t, { url: receiver.url, event_types: ["user.deleted"] });
    const { eventId, queued } = await emitEvent(t, "user.created");
    expect(queued).toBe(2);
    // Filter by event: once recordEvent queues deliveries, `*` also receives the webhook.created events.
    const forEvent = async (endpointId: string) => (await deliveriesOf(endpointId)).filter((d) => d.eventId === eventId);
    expect(await forEvent(all.id)).toHaveLength(1);
    expect(await forEvent(users.id)).toHaveLength(1);
    expect(await forEvent(off.id)).toHaveLength(0);
    expect(await forEvent(other.id)).toHaveLength(0);
    // Each body is its own (payload id = delivery id), serialized once.
    const [a] = await forEvent(all.id);
    const [u] = await forEvent(users.id);
    expect(JSON.parse(a?.body ?? "").id).toBe(a?.id);
    expect(JSON.parse(u?.body ?? "").id).toBe(u?.id);
    // An endpoint disabled after queuing gets nothing: its delivery fails unsent.
    await (await getDb()).update(webhookEndpoints).set({ enabled: false }).where(eq(webhookEndpoints.id, users.id));
    await drain(async () => (await deliveriesOf(users.id))[0]?.status === "failed");
    expect((await deliveriesOf(users.id))[0]?.failureReason).toBe("endpoint_disabled");
    expect(await attemptsOf(u?.id ?? "")).toHaveLength(0);
  });

  it("rolls the deliveries back with the event (outbox: same transaction)", async () => {
    const t = await createTenant();
    const ep = await createEndpoint(t, { url: receiver.url, event_types: ["user.deleted"] });
    const db = await getDb();
    await expect(
      db.transaction(async (tx) => {
        const { enqueueWebhookDeliveries } = await import("@/lib/webhooks/enqueue-deliveries");
        const event = {
          id: "0193c0de-0000-7000-8000-0000000000bb",
          workspaceId: t.workspace.id,
          appId: t.app.id,
          appUserId: null,
          category: "user",
          slug: "user.deleted",
          actorType: "system",
          actorId: null,
          params: {},
          ip: null,
          userAgent: null,
          requestId: null,
          createdAt: new Date(),
        };
        expect(await enqueueWebhookDeliveries(tx, event)).toBe(1);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await deliveriesOf(ep.id)).toHaveLength(0);
  });
});

describe("workers sharing the queue", () => {
  it("never double-send: concurrent workers claim disjoint rows and each event arrives once", async () => {
    const t = await createTenant();
    const ep = await createEndpoint(t, { url: receiver.url, event_types: ["session.revoked"] });
    receiver.received.length = 0;
    for (let i = 0; i < 30; i++) await emitEvent(t, "session.revoked", { i });
    const workers = Array.from({ length: 4 }, (_, i) => startWebhookWorker({ pollMs: 20, batchSize: 3, workerId: `w${i}` }));
    try {
      await drain(async () => (await deliveriesOf(ep.id)).every((d) => d.status === "delivered"), 15_000);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
    const ids = receiver.received.map((r) => JSON.parse(r.body).id);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
    const attempts = (await Promise.all((await deliveriesOf(ep.id)).map((d) => attemptsOf(d.id)))).flat();
    expect(attempts).toHaveLength(30);
  });

  it("concurrent claims never exceed their limit and never overlap", async () => {
    const t = await createTenant();
    const ep = await createEndpoint(t, { url: receiver.url, event_types: ["user.invited"] });
    for (let i = 0; i < 25; i++) await emitEvent(t, "user.invited", { i });
    const claims = await Promise.all(["x", "y", "z", "q"].map((w) => claimDeliveries({ workerId: w, limit: 5 })));
    const ids = claims.flatMap((c) => c.rows.filter((r) => r.endpointId === ep.id).map((r) => r.id));
    for (const c of claims) expect(c.rows.length).toBeLessThanOrEqual(5);
    expect(new Set(ids).size).toBe(ids.length);
    // Let these rows go again for the tests below.
    await (await getDb()).update(webhookDeliveries).set({ status: "failed", lockedBy: null, lockedUntil: null }).where(eq(webhookDeliveries.endpointId, ep.id));
  });

  it("a claim hides rows from other workers until its lease runs out", async () => {
    const t = await createTenant();
    const ep = await createEndpoint(t, { url: receiver.url, event_types: ["otp.sent"] });
    await emitEvent(t, "otp.sent");
    const a = await claimDeliveries({ workerId: "a", limit: 100 });
    const mine = a.rows.filter((r) => r.endpointId === ep.id);
    expect(mine).toHaveLength(1);
    const b = await claimDeliveries({ workerId: "b", limit: 100 });
    expect(b.rows.filter((r) => r.endpointId === ep.id)).toHaveLength(0);
    // After the lease (simulated by claiming at a later clock), another worker may take it.
    const later = new Date(Date.now() + 61_000);
    const c = await claimDeliveries({ workerId: "c", limit: 100, now: later });
    expect(c.rows.filter((r) => r.endpointId === ep.id)).toHaveLength(1);
    // The first worker's late outcome no longer counts: the row belongs to c.
    const row = mine[0];
    if (!row) throw new Error("no row");
    expect(await processDelivery(row, a.claimToken, "a")).toBe("lost_lease");
  });

  it("a worker killed mid-delivery (lease abandoned) leaves the delivery to be retried after the lease", async () => {
    const t = await createTenant();
    const ep = await createEndpoint(t, { url: receiver.url, event_types: ["magic_link.sent"] });
    receiver.received.length = 0;
    await emitEvent(t, "magic_link.sent");
    // Claim, then "die": never send, never record.
    const dead = await claimDeliveries({ workerId: "dead", limit: 100 });
    expect(dead.rows.filter((r) => r.endpointId === ep.id)).toHaveLength(1);
    await runWebhookWorkerOnce();
    expect(receiver.received).toHaveLength(0);
    const [stuck] = await deliveriesOf(ep.id);
    expect(stuck?.status).toBe("processing");
    // Let the lease run out.
    await (await getDb()).update(webhookDeliveries).set({ lockedUntil: new Date(Date.now() - 1) }).where(eq(webhookDeliveries.endpointId, ep.id));
    await drain(async () => (await deliveriesOf(ep.id))[0]?.status === "delivered");
    expect(receiver.received).toHaveLength(1);
    expect(JSON.parse(receiver.received[0]?.body ?? "").id).toBe(stuck?.id);
  });
});
