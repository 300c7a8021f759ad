import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { apiKeys } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { systemCtx } from "@/lib/context";
import { recordEvent } from "@/lib/events/record-event";
import { FILTERED } from "@/lib/events/redact";
import { newId } from "@/lib/ids";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { GET } from "./route";

let t: Tenant;
let other: Tenant;
let child: Tenant;
const userA = newId();
const userB = newId();

beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
  child = await createTenant({ parentWorkspaceId: t.workspace.id });
  const db = await getDb();
  const at = (iso: string) => ({ ...systemCtx("test"), now: new Date(iso), ip: "192.0.2.7", userAgent: "UA/1" });
  // 5 events of t's app on known days, one of another app.
  await recordEvent(db, at("2026-01-10T10:00:00Z"), { workspaceId: t.workspace.id, appId: t.app.id, appUserId: userA, slug: "user.created", params: { user_id: userA, email: "a@x.test" } });
  await recordEvent(db, at("2026-01-11T10:00:00Z"), { workspaceId: t.workspace.id, appId: t.app.id, appUserId: userA, slug: "user.login", params: { user_id: userA, code: "123456", nested: { refresh: "eyJ.x.y", fine: 1 } } });
  await recordEvent(db, at("2026-01-12T10:00:00Z"), { workspaceId: t.workspace.id, appId: t.app.id, appUserId: userB, slug: "user.created", params: { user_id: userB } });
  await recordEvent(db, at("2026-01-12T23:59:59Z"), { workspaceId: t.workspace.id, appId: t.app.id, appUserId: userB, slug: "otp.sent", params: { method: "email_otp", token: "secret!" } });
  await recordEvent(db, at("2026-01-13T00:00:00Z"), { workspaceId: t.workspace.id, appId: t.app.id, slug: "api_key.created", params: { api_key_id: newId(), note: "scapp_0123456789abcdefghij" } });
  await recordEvent(db, at("2026-01-12T10:00:00Z"), { workspaceId: other.workspace.id, appId: other.app.id, appUserId: userA, slug: "user.created", params: { marker: "OTHER-APP" } });
});

const list = (appId: string, secret?: string, query: Record<string, string> = {}) =>
  call(GET, "GET", `/v1/apps/${appId}/events`, { params: { app_id: appId }, secret, query });
/** t's app's events, without the ones the tenant setup itself recorded (app.created, api_key.created of the harness). */
const mine = (query: Record<string, string> = {}) => list(t.app.publicId, t.appKey, { end_date: "2026-01-31", start_date: "2026-01-01", ...query });

describe("GET /v1/apps/{app_id}/events", () => {
  it("lists the app's events newest first with the flat pagination and the Event object", async () => {
    const res = await mine();
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ count: 5, total_count: 5, total_pages: 1, current_page: 1, next_page: null, prev_page: null, per_page: 25 });
    expect(res.body.events.map((e: { slug: string }) => e.slug)).toEqual(["api_key.created", "otp.sent", "user.created", "user.login", "user.created"]);
    const login = res.body.events[3];
    expect(Object.keys(login).sort()).toEqual(
      ["action", "app_id", "app_user_id", "category", "controller", "created_at", "data", "event_type", "id", "ip_address", "metadata", "note", "params", "slug", "updated_at", "user_agent"].sort(),
    );
    expect(login).toMatchObject({
      app_id: t.app.publicId,
      slug: "user.login",
      event_type: "user.login",
      category: "user",
      app_user_id: userA,
      ip_address: "192.0.2.7",
      user_agent: "UA/1",
      created_at: "2026-01-11T10:00:00.000Z",
      metadata: { actor_type: "system" },
    });
    // Secrets were filtered before they were stored.
    expect(login.data).toEqual({ user_id: userA, code: FILTERED, nested: { refresh: FILTERED, fine: 1 } });
    expect(res.body.events[1].data).toEqual({ method: "email_otp", token: FILTERED });
    expect(res.body.events[0].data.note).toBe(FILTERED);
    expect(res.text).not.toContain("123456");
    expect(res.text).not.toContain("secret!");
    expect(res.text).not.toContain("OTHER-APP");
  });

  it("filters by category, slug, user_id and date range", async () => {
    const slugs = async (q: Record<string, string>) => {
      const res = await mine(q);
      expectStatus(res, 200);
      expect(res.body.count).toBe(res.body.events.length);
      return res.body.events.map((e: { slug: string }) => e.slug);
    };
    expect(await slugs({ category: "user" })).toEqual(["user.created", "user.login", "user.created"]);
    expect(await slugs({ slug: "user.created" })).toEqual(["user.created", "user.created"]);
    expect(await slugs({ user_id: userA })).toEqual(["user.login", "user.created"]);
    expect(await slugs({ user_id: userB, category: "otp" })).toEqual(["otp.sent"]);
    // A date alone as end_date takes in the whole day.
    expect(await slugs({ start_date: "2026-01-12", end_date: "2026-01-12" })).toEqual(["otp.sent", "user.created"]);
    expect(await slugs({ start_date: "2026-01-11T10:00:00Z", end_date: "2026-01-12T10:00:00.000Z" })).toEqual(["user.created", "user.login"]);
    expect(await slugs({ start_date: "2026-01-11T11:00:00+01:00", end_date: "2026-01-11T10:00:00Z" })).toEqual(["user.login"]);
    expect(await slugs({ slug: "nothing.here" })).toEqual([]);
  });

  it("paginates with limit/per_page, clamps large page sizes and answers 400 to bad pages and dates", async () => {
    const p1 = await mine({ limit: "2" });
    expect(p1.body).toMatchObject({ count: 5, total_pages: 3, current_page: 1, next_page: 2, prev_page: null, per_page: 2 });
    const p3 = await mine({ per_page: "2", page: "3" });
    expect(p3.body).toMatchObject({ current_page: 3, next_page: null, prev_page: 2 });
    expect(p3.body.events.map((e: { slug: string }) => e.slug)).toEqual(["user.created"]);
    const ids = [...p1.body.events, ...(await mine({ limit: "2", page: "2" })).body.events, ...p3.body.events].map((e: { id: string }) => e.id);
    expect(new Set(ids).size).toBe(5);
    expect((await mine({ page: "9" })).body.events).toEqual([]);
    expect((await mine({ limit: "5000" })).body.per_page).toBe(100);

    for (const q of <Record<string, string>[]>[{ page: "-1" }, { page: "0" }, { page: "abc" }, { limit: "0" }, { limit: "1.5" }]) {
      expectError(await mine(q), 400, "bad_request");
    }
    for (const q of <Record<string, string>[]>[
      { start_date: "yesterday" },
      { start_date: "2026-02-30" },
      { end_date: "2026-13-01T00:00:00Z" },
      { start_date: "2026-01-12T25:00:00Z" },
      { start_date: "2026-02-30T10:00:00Z" },
      { start_date: "2026-01-13", end_date: "2026-01-12" },
      { user_id: "not-a-uuid" },
    ]) {
      expectError(await list(t.app.publicId, t.appKey, q), 400, "bad_request");
    }
  });

  it("is reachable by the app key and workspace keys of its own or parent workspace, never by others", async () => {
    expectError(await list(t.app.publicId), 401, "api_key_required");
    expectError(await list(t.app.publicId, "scapp_unknownunknownunknownunknown00"), 401, "invalid_api_key");
    const { row: revoked, token } = await createApiKey({
      ctx: systemCtx(),
      input: { kind: "app", workspaceId: t.workspace.id, appId: t.app.id, nickname: "revoked" },
    });
    await (await getDb()).update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, revoked.id));
    expectError(await list(t.app.publicId, token), 401, "invalid_api_key");

    const foreign = await list(t.app.publicId, other.workspaceKey);
    expectError(foreign, 404, "app_not_found");
    expect(foreign.body.events).toBeUndefined();
    expectError(await list(t.app.publicId, other.appKey), 403, "api_key_not_authorized");
    expectError(await list(t.app.publicId, child.workspaceKey), 404, "app_not_found");

    expectStatus(await list(t.app.publicId, t.workspaceKey), 200);
    expectStatus(await list(t.app.id, t.appKey), 200);
    const childRes = await list(child.app.publicId, t.workspaceKey);
    expectStatus(childRes, 200);
    expect(childRes.text).not.toContain(userA);
  });
});
