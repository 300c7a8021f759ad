import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { events, userMetaFields } from "@/db/schema";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { POST } from "../route";
import { metaOf, revokedKey, userWithMeta } from "../test-fixtures";
import { DELETE, PATCH, PUT } from "./route";

let t: Tenant;
let other: Tenant;
beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
});

const base = (tenant: Tenant) => `/v1/apps/${tenant.app.publicId}/user_meta_fields`;
async function field(tenant: Tenant, body: Record<string, unknown>): Promise<{ id: string; field_name: string; position: number }> {
  const res = await call(POST, "POST", base(tenant), { params: { app_id: tenant.app.publicId }, secret: tenant.appKey, body });
  expectStatus(res, 200);
  return res.body;
}
const patch = (tenant: Tenant, id: string, secret: string | undefined, body: unknown, handler = PATCH) =>
  call(handler, "PATCH", `${base(tenant)}/${id}`, { params: { app_id: tenant.app.publicId, id }, secret, body });
const del = (tenant: Tenant, id: string, secret: string | undefined) =>
  call(DELETE, "DELETE", `${base(tenant)}/${id}`, { params: { app_id: tenant.app.publicId, id }, secret });
const rowOf = async (id: string) => (await (await getDb()).select().from(userMetaFields).where(eq(userMetaFields.id, id)))[0];

describe("PATCH /v1/apps/{app_id}/user_meta_fields/{id}", () => {
  it("changes only the given attributes (flat, wrapped or PUT) and records an event", async () => {
    const f = await field(t, { name: "Plan", field_type: "string", visible_registration: true });
    const res = await patch(t, f.id, t.appKey, { required: "true", name: "Plan name" });
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ id: f.id, name: "Plan name", field_name: "plan", required: true, visible_registration: true, field_type: "string" });
    const put = await patch(t, f.id, t.appKey, { user_meta_field: { position: 9 } }, PUT);
    expectStatus(put, 200);
    expect(put.body).toMatchObject({ position: 9, name: "Plan name", required: true });
    const evs = await (await getDb()).select().from(events).where(and(eq(events.slug, "user_meta_field.updated"), eq(events.appId, t.app.id)));
    expect(evs.length).toBe(2);
  });

  it("renames field_name and moves the users' values to the new key", async () => {
    const f = await field(t, { name: "Team", field_type: "string" });
    const u = await userWithMeta(t, "rename@example.com", { team: "red", keep: 1 });
    const res = await patch(t, f.id, t.appKey, { field_name: "squad" });
    expectStatus(res, 200);
    expect(res.body.field_name).toBe("squad");
    expect(await metaOf(u.id)).toEqual({ squad: "red", keep: 1 });
  });

  it("refuses a taken field_name (409) and bad values (422) without changing anything", async () => {
    const a = await field(t, { name: "Alpha one", field_type: "string" });
    const b = await field(t, { name: "Beta one", field_type: "email" });
    expectError(await patch(t, b.id, t.appKey, { field_name: "alpha_one" }), 409, "field_name_taken");
    expectError(await patch(t, a.id, t.appKey, { as_verification_identifier: true }), 422, "validation_failed");
    const flagged = await patch(t, b.id, t.appKey, { as_verification_identifier: true });
    expectStatus(flagged, 200);
    expect(flagged.body.as_verification_identifier).toBe(true);
    // An identifier field cannot become a type that cannot identify.
    expectError(await patch(t, b.id, t.appKey, { field_type: "integer" }), 422, "validation_failed");
    expectError(await patch(t, b.id, t.appKey, { field_type: "integer", as_verification_identifier: true }), 422, "validation_failed");
    const moved = await patch(t, b.id, t.appKey, { field_type: "phone" });
    expect(moved.body).toMatchObject({ field_type: "phone", as_verification_identifier: true });
    expectStatus(await patch(t, b.id, t.appKey, { field_type: "email" }), 200);
    expectError(await patch(t, a.id, t.appKey, { field_type: "colour" }), 422, "validation_failed");
    expectError(await patch(t, a.id, t.appKey, { position: -3 }), 422, "validation_failed");
    expect(await rowOf(b.id)).toMatchObject({ fieldName: "beta_one", fieldType: "email" });
    expect(await rowOf(a.id)).toMatchObject({ fieldName: "alpha_one", fieldType: "string", position: a.position });
  });

  it("answers 404 for unknown ids, other apps' fields and non-uuids; enforces the tenant rules", async () => {
    const mine = await field(t, { name: "Mine", field_type: "string" });
    const theirs = await field(other, { name: "Theirs", field_type: "string" });
    expectError(await patch(t, randomUUID(), t.appKey, { name: "x" }), 404, "meta_field_not_found");
    expectError(await patch(t, "nope", t.appKey, { name: "x" }), 404, "meta_field_not_found");
    // Another app's field through my app's path: not found, and untouched.
    expectError(await patch(t, theirs.id, t.appKey, { name: "hijacked" }), 404, "meta_field_not_found");
    expect((await rowOf(theirs.id))?.name).toBe("Theirs");
    expectError(await patch(t, mine.id, undefined, { name: "x" }), 401, "api_key_required");
    expectError(await patch(t, mine.id, await revokedKey(t), { name: "x" }), 401, "invalid_api_key");
    expectError(await patch(t, mine.id, other.appKey, { name: "x" }), 403, "api_key_not_authorized");
    const leak = await patch(t, mine.id, other.workspaceKey, { name: "x" });
    expectError(leak, 404, "app_not_found");
    expect(leak.text).not.toContain("Mine");
    expect((await rowOf(mine.id))?.name).toBe("Mine");
  });
});

describe("DELETE /v1/apps/{app_id}/user_meta_fields/{id}", () => {
  it("deletes the field and its values from every user of the app only", async () => {
    const f = await field(t, { name: "Nickname", field_type: "string" });
    const otherField = await field(other, { name: "Nickname", field_type: "string" });
    const u1 = await userWithMeta(t, "del1@example.com", { nickname: "a", plan: "pro" });
    const u2 = await userWithMeta(t, "del2@example.com", { nickname: "b" });
    const u3 = await userWithMeta(t, "del3@example.com", { plan: "free" });
    const foreign = await userWithMeta(other, "del1@example.com", { nickname: "kept" });
    const res = await del(t, f.id, t.appKey);
    expectStatus(res, 200);
    expect(res.body).toEqual({ message: "ok" });
    expect(await rowOf(f.id)).toBeUndefined();
    expect(await metaOf(u1.id)).toEqual({ plan: "pro" });
    expect(await metaOf(u2.id)).toEqual({});
    expect(await metaOf(u3.id)).toEqual({ plan: "free" });
    expect(await metaOf(foreign.id)).toEqual({ nickname: "kept" });
    expect(await rowOf(otherField.id)).toBeDefined();
    const [ev] = await (await getDb()).select().from(events).where(and(eq(events.slug, "user_meta_field.deleted"), eq(events.appId, t.app.id)));
    expect(ev?.params).toMatchObject({ field_name: "nickname", users_cleared: 2 });
    expectError(await del(t, f.id, t.appKey), 404, "meta_field_not_found");
  });

  it("enforces the tenant rules and deletes nothing", async () => {
    const f = await field(t, { name: "Guarded", field_type: "string" });
    expectError(await del(t, f.id, undefined), 401, "api_key_required");
    expectError(await del(t, f.id, await revokedKey(t)), 401, "invalid_api_key");
    expectError(await del(t, f.id, other.appKey), 403, "api_key_not_authorized");
    expectError(await del(t, f.id, other.workspaceKey), 404, "app_not_found");
    const theirs = await field(other, { name: "Theirs two", field_type: "string" });
    expectError(await del(t, theirs.id, t.appKey), 404, "meta_field_not_found");
    expect(await rowOf(f.id)).toBeDefined();
    expect(await rowOf(theirs.id)).toBeDefined();
  });
});
