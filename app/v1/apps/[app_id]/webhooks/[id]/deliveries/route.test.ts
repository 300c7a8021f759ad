import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { webhookDeliveries } from "@/db/schema";
import { runWebhookWorkerOnce } from "@/lib/webhooks/worker";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { createEndpoint, emitEvent } from "@/test/webhooks-fixtures";
import { type Receiver, setWebhookEnv, setWebhooksAllowPrivate, startReceiver } from "@/test/webhooks-receiver";
import { GET } from "./route";

let t: Tenant;
let other: Tenant;
let receiver: Receiver;
let ep: { id: string; secret: string };
let restoreEnv: () => void = () => undefined;

beforeAll(async () => {
  setWebhooksAllowPrivate(true);
  restoreEnv = setWebhookEnv({ TESSERA_WEBHOOK_RETRY_BASE_SECONDS: "0.1" });
  t = await createTenant();
  other = await createTenant();
  receiver = await startReceiver();
  ep = await createEndpoint(t, { url: receiver.url, event_types: ["user.created", "user.updated"], retry_limit: 3 });
});
afterAll(async () => {
  setWebhooksAllowPrivate(false);
  restoreEnv();
  await receiver.close();
});

const list = (tenant: Tenant, id: string, query: Record<string, string> = {}, secret: string | null = tenant.appKey) =>
  call(GET, "GET", `/v1/apps/${tenant.app.publicId}/webhooks/${id}/deliveries`, {
    params: { app_id: tenant.app.publicId, id },
    query,
    secret: secret ?? undefined,
  });

async function drain(endpointId: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  const db = await getDb();
  for (;;) {
    const rows = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));
    if (rows.every((r) => r.status === "delivered" || r.status === "failed")) return;
    if (Date.now() > deadline) throw new Error("not drained");
    await runWebhookWorkerOnce();
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("GET /v1/apps/{app_id}/webhooks/{id}/deliveries", () => {
  it("shows each delivery with all its attempts (500, 500, 200 → delivered)", async () => {
    let n = 0;
    receiver.respond(() => (++n <= 2 ? { status: 500, body: "nope" } : { status: 200, body: "OK" }));
    const { eventId } = await emitEvent(t, "user.created", { user_id: "u1" });
    await drain(ep.id);
    receiver.respond(() => ({ status: 200, body: "OK" }));
    const res = await list(t, ep.id);
    expectStatus(res, 200);
    expect(res.body.pagination).toEqual({ current_page: 1, total_pages: 1, total_count: 1, per_page: 25 });
    const [d] = res.body.deliveries;
    expect(d).toMatchObject({
      webhook_endpoint_id: ep.id,
      event_id: eventId,
      event_type: "user.created",
      status: "delivered",
      retry_count: 3,
      response_status: 200,
      response_body: "OK",
      failure_reason: null,
      next_attempt_at: null,
    });
    expect(d.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(d.payload).toMatchObject({ id: d.id, event_type: "user.created", data: { user_id: "u1" } });
    expect(d.attempts.map((a: { attempt: number; success: boolean; response_status: number }) => [a.attempt, a.success, a.response_status])).toEqual([
      [1, false, 500],
      [2, false, 500],
      [3, true, 200],
    ]);
    expect(d.attempts[0]).toMatchObject({ trigger: "automatic", failure_reason: "http_status (500)", response_body: "nope", duration_ms: expect.any(Number) });
    for (const a of d.attempts) expect(a.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(res.text).not.toContain(ep.secret);
  });

  it("filters by status and paginates (nested pagination, per_page max 100)", async () => {
    receiver.respond(() => ({ status: 400, body: "bad" }));
    const ep2 = await createEndpoint(t, { url: receiver.url, event_types: ["user.updated"], retry_limit: 0 });
    for (let i = 0; i < 3; i++) await emitEvent(t, "user.updated", { i });
    await drain(ep2.id);
    receiver.respond(() => ({ status: 200, body: "OK" }));
    await emitEvent(t, "user.updated", { i: 3 });
    // ep has user.updated too; drain both.
    await drain(ep2.id);
    await drain(ep.id);
    const failed = await list(t, ep2.id, { status: "failed" });
    expectStatus(failed, 200);
    expect(failed.body.pagination.total_count).toBe(3);
    expect(failed.body.deliveries.every((d: { status: string }) => d.status === "failed")).toBe(true);
    const page = await list(t, ep2.id, { per_page: "2", page: "2" });
    expectStatus(page, 200);
    expect(page.body.pagination).toEqual({ current_page: 2, total_pages: 2, total_count: 4, per_page: 2 });
    expect(page.body.deliveries).toHaveLength(2);
    const first = await list(t, ep2.id, { limit: "2" });
    // Newest first, no overlap between pages.
    const ids = [...first.body.deliveries, ...page.body.deliveries].map((d: { id: string }) => d.id);
    expect(new Set(ids).size).toBe(4);
    expect(first.body.deliveries[0].payload.data).toEqual({ i: 3 });
    expectStatus(await list(t, ep2.id, { per_page: "100" }), 200);
    expectError(await list(t, ep2.id, { per_page: "101" }), 422, "validation_failed");
    expect((await list(t, ep2.id, { status: "delivered" })).body.pagination.total_count).toBe(1);
  });

  it.each([
    [{ status: "sent" }, 422, "validation_failed"],
    [{ page: "0" }, 422, "validation_failed"],
    [{ page: "x" }, 400, "bad_request"],
  ])("refuses the query %o", async (query, status, code) => {
    expectError(await list(t, ep.id, query as Record<string, string>), status, code);
  });

  it("enforces the tenant rules (T19)", async () => {
    expectError(await list(t, ep.id, {}, null), 401, "api_key_required");
    const foreign = await list(t, ep.id, {}, other.workspaceKey);
    expectError(foreign, 404, "app_not_found");
    expect(foreign.text).not.toContain("user.created");
    expectError(await list(other, ep.id), 404, "webhook_not_found");
    expectError(await list(t, "not-a-uuid"), 404, "webhook_not_found");
  });
});
