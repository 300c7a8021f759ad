/** The notification routes (spec §20.1–20.6): a member's own inbox, nothing else. */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { memberships } from "@/db/schema";
import { asMember, dashboardToken, freshEmail, memberIn, notify, type TestMember } from "@/lib/dashboard/test-fixtures";
import { call, type CallOptions, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { GET as show } from "./[notification_id]/route";
import { POST as dismiss } from "./[notification_id]/dismiss/route";
import { POST as read } from "./[notification_id]/read/route";
import { POST as readAll } from "./read_all/route";
import { GET as list } from "./route";
import { GET as stats } from "./stats/route";

let acme: Tenant;
let me: TestMember;
let other: TestMember;
const ids: Record<string, string> = {};

beforeAll(async () => {
  acme = await createTenant({ name: "Acme" });
  me = await memberIn(acme.workspace.id, "admin");
  other = await memberIn(acme.workspace.id, "member");
  const ws = acme.workspace.id;
  const t0 = Date.now() - 60_000;
  const at = (s: number) => new Date(t0 + s * 1000);
  ids.oldLow = (await notify(me.memberId, ws, { title: "old", priority: "low", category: "usage", createdAt: at(1) })).id;
  ids.highDelivery = (
    await notify(me.memberId, ws, { title: "sms", priority: "high", category: "delivery", appId: acme.app.id, createdAt: at(2), actionUrl: "https://app.test/fix", actionLabel: "Fix" })
  ).id;
  ids.readSecurity = (await notify(me.memberId, ws, { title: "read", priority: "urgent", category: "security", readAt: at(4), createdAt: at(3) })).id;
  ids.sticky = (await notify(me.memberId, ws, { title: "sticky", dismissible: false, createdAt: at(5) })).id;
  ids.dismissed = (await notify(me.memberId, ws, { title: "gone", dismissedAt: at(6), createdAt: at(6) })).id;
  ids.expired = (await notify(me.memberId, ws, { title: "expired", expiresAt: at(7), createdAt: at(7) })).id;
  ids.othersOne = (await notify(other.memberId, ws, { title: "not yours", createdAt: at(8) })).id;
});

const byId = (id: string, opts: CallOptions) => ({ ...opts, params: { notification_id: id } });
const titles = (res: { body: { notifications: { title: string }[] } }) => res.body.notifications.map((n) => n.title);

describe("GET /v1/notifications", () => {
  it("lists the member's inbox newest first, without dismissed or expired ones, with pagination and unread_count", async () => {
    const res = await call(list, "GET", "/v1/notifications", asMember(me));
    expectStatus(res, 200);
    expect(titles(res)).toEqual(["sticky", "read", "sms", "old"]);
    expect(res.body.pagination).toEqual({ current_page: 1, total_pages: 1, total_count: 4, per_page: 25 });
    expect(res.body.unread_count).toBe(3);
    expect(res.body.notifications[2]).toEqual({
      id: ids.highDelivery,
      title: "sms",
      message: "Message",
      priority: "high",
      category: "delivery",
      dismissible: true,
      read_at: null,
      dismissed_at: null,
      action_url: "https://app.test/fix",
      action_label: "Fix",
      workspace_id: acme.workspace.id,
      app_id: acme.app.publicId,
      created_at: expect.any(String),
      expires_at: null,
    });
  });

  it("filters by status, priority and category; unread_count stays the inbox's", async () => {
    const q = (query: Record<string, string>) => call(list, "GET", "/v1/notifications", { ...asMember(me), query });
    expect(titles(await q({ status: "unread" }))).toEqual(["sticky", "sms", "old"]);
    expect(titles(await q({ status: "read" }))).toEqual(["read"]);
    expect(titles(await q({ priority: "high" }))).toEqual(["sms"]);
    const cat = await q({ category: "usage", status: "all" });
    expect(titles(cat)).toEqual(["old"]);
    expect(cat.body.unread_count).toBe(3);
    expectError(await q({ priority: "critical" }), 422, "validation_failed");
  });

  it("pages with page and per_page (or limit)", async () => {
    const res = await call(list, "GET", "/v1/notifications", { ...asMember(me), query: { page: "2", per_page: "3" } });
    expect(titles(res)).toEqual(["old"]);
    expect(res.body.pagination).toEqual({ current_page: 2, total_pages: 2, total_count: 4, per_page: 3 });
    const limited = await call(list, "GET", "/v1/notifications", { ...asMember(me), query: { limit: "1" } });
    expect(titles(limited)).toEqual(["sticky"]);
  });

  it("answers 401 without a token or with a workspace key, 403 to a signed-in non-member", async () => {
    expectError(await call(list, "GET", "/v1/notifications"), 401, "unauthorized");
    expectError(await call(list, "GET", "/v1/notifications", { secret: acme.workspaceKey }), 401, "unauthorized");
    const stranger = await dashboardToken(freshEmail("stranger"));
    expectError(await call(list, "GET", "/v1/notifications", asMember(stranger)), 403, "workspace_access_denied");
  });

  it("refuses a member removed from their workspace on the next request", async () => {
    const leaving = await memberIn(acme.workspace.id, "member");
    const mine = await notify(leaving.memberId, acme.workspace.id, { title: "bye" });
    expectStatus(await call(show, "GET", "/", byId(mine.id, asMember(leaving))), 200);
    const db = await getDb();
    await db.delete(memberships).where(eq(memberships.memberId, leaving.memberId));
    expectError(await call(show, "GET", "/", byId(mine.id, asMember(leaving))), 403, "workspace_access_denied");
    expectError(await call(list, "GET", "/v1/notifications", asMember(leaving)), 403, "workspace_access_denied");
  });
});

describe("GET /v1/notifications/stats", () => {
  it("counts the inbox by priority and category", async () => {
    const res = await call(stats, "GET", "/v1/notifications/stats", asMember(me));
    expectStatus(res, 200);
    expect(res.body).toEqual({
      total: 4,
      unread: 3,
      by_priority: { low: 1, normal: 1, high: 1, urgent: 1 },
      by_category: { system: 1, security: 1, billing: 0, delivery: 1, usage: 1 },
    });
  });
});

describe("GET /v1/notifications/{id}", () => {
  it("shows the member's own notification, 404 for another member's or a malformed id", async () => {
    const res = await call(show, "GET", "/", byId(ids.highDelivery ?? "", asMember(me)));
    expectStatus(res, 200);
    expect(res.body.notification.id).toBe(ids.highDelivery);
    expectError(await call(show, "GET", "/", byId(ids.othersOne ?? "", asMember(me))), 404, "notification_not_found");
    expectError(await call(show, "GET", "/", byId(ids.highDelivery ?? "", asMember(other))), 404, "notification_not_found");
    expectError(await call(show, "GET", "/", byId("nope", asMember(me))), 404, "notification_not_found");
  });
});

describe("POST /v1/notifications/{id}/read, read_all, dismiss", () => {
  it("marks one read (idempotent), refuses another member's", async () => {
    const first = await call(read, "POST", "/", byId(ids.oldLow ?? "", asMember(me)));
    expectStatus(first, 200);
    expect(first.body.notification.read_at).toEqual(expect.any(String));
    const again = await call(read, "POST", "/", byId(ids.oldLow ?? "", asMember(me)));
    expect(again.body.notification.read_at).toBe(first.body.notification.read_at);
    expectError(await call(read, "POST", "/", byId(ids.othersOne ?? "", asMember(me))), 404, "notification_not_found");
    const counts = await call(stats, "GET", "/", asMember(other));
    expect(counts.body.unread).toBe(1);
  });

  it("dismisses dismissible ones out of the inbox; 422 not_dismissible otherwise", async () => {
    const res = await call(dismiss, "POST", "/", byId(ids.highDelivery ?? "", asMember(me)));
    expectStatus(res, 200);
    expect(res.body.notification.dismissed_at).toEqual(expect.any(String));
    expectError(await call(dismiss, "POST", "/", byId(ids.sticky ?? "", asMember(me))), 422, "not_dismissible");
    expectError(await call(dismiss, "POST", "/", byId(ids.othersOne ?? "", asMember(me))), 404, "notification_not_found");
    const listed = await call(list, "GET", "/v1/notifications", asMember(me));
    expect(titles(listed)).toEqual(["sticky", "read", "old"]);
  });

  it("read_all marks the rest of the member's inbox read and no one else's", async () => {
    const res = await call(readAll, "POST", "/v1/notifications/read_all", asMember(me));
    expectStatus(res, 200);
    expect(res.body).toEqual({ updated_count: 1 });
    expect((await call(stats, "GET", "/", asMember(me))).body.unread).toBe(0);
    expect((await call(stats, "GET", "/", asMember(other))).body.unread).toBe(1);
    expect((await call(readAll, "POST", "/v1/notifications/read_all", asMember(me))).body).toEqual({ updated_count: 0 });
  });
});
