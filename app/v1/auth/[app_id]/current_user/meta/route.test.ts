import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { appUsers, events, userMetaFields } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import { newId } from "@/lib/ids";
import { authPath, patchSession, signIn } from "@/lib/sessions/test-fixtures";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { PATCH } from "./route";

let t: Tenant;
let other: Tenant;
beforeAll(async () => {
  [t, other] = await Promise.all([createTenant(), createTenant()]);
  const field = (app: AppRow, fieldName: string, fieldType: (typeof userMetaFields.$inferInsert)["fieldType"]) => ({
    id: newId(),
    appId: app.id,
    name: fieldName,
    fieldName,
    fieldType,
  });
  await (await getDb())
    .insert(userMetaFields)
    .values([field(t.app, "plan", "string"), field(t.app, "seats", "integer"), field(t.app, "beta", "boolean"), field(other.app, "secret", "string")]);
});

const patch = (token: string | null, body: unknown, app: AppRow = t.app) => {
  const path = authPath(app, "current_user/meta");
  const headers: Record<string, string> = token ? { "x-authorization": token } : {};
  if (typeof body === "string") headers["content-type"] = "application/json";
  return call(PATCH, "PATCH", path.url, { params: path.params, headers, body });
};
const metaOf = async (id: string) => (await (await getDb()).select().from(appUsers).where(eq(appUsers.id, id)))[0]?.meta;

describe("PATCH /v1/auth/{app_id}/current_user/meta", () => {
  it("merges declared, well-typed keys and returns { user }", async () => {
    const s = await signIn(t.app);
    const first = await patch(s.payload.access, { user_meta: { plan: "pro", seats: 3 } });
    expectStatus(first, 200);
    expect(first.body.user).toMatchObject({ id: s.user.id, meta: { plan: "pro", seats: 3 }, user_meta: { plan: "pro", seats: 3 } });
    expect(first.body.user.sessions).toHaveLength(1);
    // Partial: later updates keep the other keys; form-style strings are coerced.
    const second = await patch(s.payload.access, { user_meta: { beta: "true", seats: "5" } });
    expectStatus(second, 200);
    expect(await metaOf(s.user.id)).toEqual({ plan: "pro", seats: 5, beta: true });
    const recorded = await (await getDb())
      .select()
      .from(events)
      .where(and(eq(events.appUserId, s.user.id), eq(events.slug, "user.updated")));
    expect(recorded).toHaveLength(2);
    expect(recorded[0]?.actorType).toBe("end_user");
  });

  it("accepts user_meta as a JSON string and as a form field", async () => {
    const s = await signIn(t.app);
    expectStatus(await patch(s.payload.access, { user_meta: JSON.stringify({ plan: "team" }) }), 200);
    expectStatus(await patch(s.payload.access, new URLSearchParams({ "user_meta[seats]": "7" })), 200);
    expect(await metaOf(s.user.id)).toEqual({ plan: "team", seats: 7 });
  });

  it("rejects undeclared keys (also another app's fields) and wrong types with 422 user_meta_invalid, storing nothing", async () => {
    const s = await signIn(t.app);
    const res = await patch(s.payload.access, { user_meta: { plan: "pro", secret: "x", seats: "12a", beta: "yes", __proto__: 1 } });
    expectError(res, 422, "user_meta_invalid");
    expect(Object.keys(res.body.errors).sort()).toEqual(["beta", "seats", "secret"]);
    expect(await metaOf(s.user.id)).toBeNull();
    // The body parser drops prototype keys; whatever it answers, nothing is stored or polluted.
    const proto = await patch(s.payload.access, '{"user_meta":{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}}');
    expect(proto.status, proto.text).toBeLessThan(500);
    expect(await metaOf(s.user.id)).toBeNull();
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it("requires user_meta as an object", async () => {
    const s = await signIn(t.app);
    for (const body of [{}, { user_meta: "nope" }, { user_meta: [1, 2] }, { user_meta: 5 }]) {
      const res = await patch(s.payload.access, body);
      expect(res.status, res.text).toBeGreaterThanOrEqual(400);
      expect(res.status, res.text).toBeLessThan(500);
    }
  });

  it("answers 401 without a token, with a revoked session, or with another app's token", async () => {
    expectError(await patch(null, { user_meta: { plan: "x" } }), 401, "unauthorized");
    const s = await signIn(t.app);
    await patchSession(s.session.id, { revokedAt: new Date() });
    expectError(await patch(s.payload.access, { user_meta: { plan: "x" } }), 401, "session_revoked");
    const foreign = await signIn(other.app);
    expectError(await patch(foreign.payload.access, { user_meta: { plan: "x" } }), 401, "invalid_token");
  });
});
