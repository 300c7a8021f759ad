import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { events, userMetaFields } from "@/db/schema";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { GET, POST } from "./route";
import { revokedKey } from "./test-fixtures";

let t: Tenant;
let other: Tenant;
let child: Tenant;
beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
  child = await createTenant({ parentWorkspaceId: t.workspace.id });
});

const url = (tenant: Tenant) => `/v1/apps/${tenant.app.publicId}/user_meta_fields`;
const list = (tenant: Tenant, appId = tenant.app.publicId) => call(GET, "GET", url(tenant), { params: { app_id: appId } });
const create = (tenant: Tenant, secret: string | undefined, body: unknown) =>
  call(POST, "POST", url(tenant), { params: { app_id: tenant.app.publicId }, secret, body });
const fieldsOf = async (tenant: Tenant) =>
  (await getDb()).select().from(userMetaFields).where(eq(userMetaFields.appId, tenant.app.id));

describe("POST /v1/apps/{app_id}/user_meta_fields", () => {
  it("creates a field, derives field_name from name, puts it last and records an event", async () => {
    const res = await create(t, t.appKey, { name: "Company Name", field_type: "string", required: true });
    expectStatus(res, 200);
    expect(Object.keys(res.body).sort()).toEqual(
      [
        "app_id",
        "as_verification_identifier",
        "created_at",
        "field_name",
        "field_type",
        "id",
        "name",
        "position",
        "required",
        "updated_at",
        "visible_profile",
        "visible_registration",
      ].sort(),
    );
    expect(res.body).toMatchObject({
      app_id: t.app.publicId,
      name: "Company Name",
      field_name: "company_name",
      field_type: "string",
      required: true,
      visible_profile: true,
      visible_registration: false,
      position: 1,
      as_verification_identifier: false,
    });
    const second = await create(t, t.appKey, { name: "planTier", field_type: "integer" });
    expect(second.body).toMatchObject({ field_name: "plan_tier", position: 2, required: false });
    const db = await getDb();
    const evs = await db.select().from(events).where(and(eq(events.slug, "user_meta_field.created"), eq(events.appId, t.app.id)));
    expect(evs.map((e) => e.params.field_name).sort()).toEqual(["company_name", "plan_tier"]);
    expect(evs[0]?.actorType).toBe("api_key");
  });

  it("accepts form bodies with string booleans and the user_meta_field wrapper", async () => {
    const form = new URLSearchParams({
      "user_meta_field[name]": "Newsletter",
      "user_meta_field[field_type]": "boolean",
      "user_meta_field[visible_registration]": "true",
      "user_meta_field[visible_profile]": "0",
      "user_meta_field[position]": "7",
    });
    const res = await create(t, t.appKey, form);
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ field_name: "newsletter", visible_registration: true, visible_profile: false, position: 7 });
    const wrapped = await create(t, t.appKey, { user_meta_field: { name: "Work email", field_name: "work_email", field_type: "email", as_verification_identifier: true } });
    expectStatus(wrapped, 200);
    expect(wrapped.body).toMatchObject({ field_name: "work_email", as_verification_identifier: true });
    const [row] = (await fieldsOf(t)).filter((f) => f.fieldName === "work_email");
    expect(row?.asVerificationIdentifier).toBe(true);
  });

  it("stores HTML and SQL in names verbatim", async () => {
    const name = `<script>alert(1)</script>'; DROP TABLE users;--`;
    const res = await create(t, t.appKey, { name, field_name: "hostile", field_type: "text" });
    expectStatus(res, 200);
    expect(res.body.name).toBe(name);
    expect((await list(t)).body.find((f: { field_name: string }) => f.field_name === "hostile").name).toBe(name);
  });

  it("refuses a field_name already used in the app (409), but not in another app", async () => {
    expectStatus(await create(other, other.appKey, { name: "Dup", field_type: "string" }), 200);
    expectError(await create(other, other.appKey, { name: "Other label", field_name: "dup", field_type: "text" }), 409, "field_name_taken");
    expectStatus(await create(child, child.appKey, { name: "Dup", field_type: "string" }), 200);
    expect((await fieldsOf(other)).filter((f) => f.fieldName === "dup")).toHaveLength(1);
  });

  it.each([
    ["missing name", { field_type: "string" }, 400, "bad_request"],
    ["missing field_type", { name: "X" }, 400, "bad_request"],
    ["unknown field_type", { name: "X", field_type: "color" }, 422, "validation_failed"],
    ["negative position", { name: "X", field_type: "string", position: -1 }, 422, "validation_failed"],
    ["huge position", { name: "X", field_type: "string", position: 10_000_000 }, 422, "validation_failed"],
    ["bad field_name", { name: "X", field_name: "Has Space", field_type: "string" }, 422, "validation_failed"],
    ["prototype field_name", { name: "X", field_name: "constructor", field_type: "string" }, 422, "validation_failed"],
    ["underivable name", { name: "!!!", field_type: "string" }, 422, "validation_failed"],
    ["as_verification_identifier on a string", { name: "Nick", field_type: "string", as_verification_identifier: true }, 422, "validation_failed"],
    ["non-boolean required", { name: "X", field_type: "string", required: "maybe" }, 400, "bad_request"],
  ])("refuses %s and writes nothing", async (_label, body, status, code) => {
    const before = (await fieldsOf(t)).length;
    const res = await create(t, t.appKey, body);
    expectError(res, status, code);
    expect((await fieldsOf(t)).length).toBe(before);
  });

  it("caps an app at 50 fields", async () => {
    const capped = await createTenant();
    for (let i = 0; i < 50; i++) expectStatus(await create(capped, capped.appKey, { name: `f${i}`, field_type: "string" }), 200);
    expectError(await create(capped, capped.appKey, { name: "one more", field_type: "string" }), 422, "too_many_meta_fields");
  });

  it("enforces the tenant rules and creates nothing", async () => {
    const body = { name: "Intruder", field_type: "string" };
    expectError(await create(other, undefined, body), 401, "api_key_required");
    expectError(await create(other, await revokedKey(other), body), 401, "invalid_api_key");
    expectError(await create(other, t.appKey, body), 403, "api_key_not_authorized");
    const leak = await create(other, t.workspaceKey, body);
    expectError(leak, 404, "app_not_found");
    expect(leak.text).not.toContain(other.app.publicId);
    expectStatus(await create(child, t.workspaceKey, { name: "From parent", field_type: "string" }), 200);
    expectError(await create(t, child.workspaceKey, body), 404, "app_not_found");
    expect((await fieldsOf(other)).filter((f) => f.fieldName === "intruder")).toHaveLength(0);
    expect((await fieldsOf(t)).filter((f) => f.fieldName === "intruder")).toHaveLength(0);
  });
});

describe("GET /v1/apps/{app_id}/user_meta_fields", () => {
  it("is public, a bare array ordered by position, by public or internal id, and ignores an Authorization header", async () => {
    const tenant = await createTenant();
    await create(tenant, tenant.appKey, { name: "Zeta", field_type: "string", position: 3 });
    await create(tenant, tenant.appKey, { name: "Alpha", field_type: "date", position: 1 });
    await create(tenant, tenant.appKey, { name: "Mid", field_type: "url", position: 2 });
    const res = await list(tenant);
    expectStatus(res, 200);
    expect(Array.isArray(res.body)).toBe(true);
    expect(res.body.map((f: { field_name: string }) => f.field_name)).toEqual(["alpha", "mid", "zeta"]);
    expect((await list(tenant, tenant.app.id)).body).toEqual(res.body);
    const withAuth = await call(GET, "GET", url(tenant), { params: { app_id: tenant.app.publicId }, secret: other.appKey });
    expectStatus(withAuth, 200);
    expect((await list(other)).body.map((f: { field_name: string }) => f.field_name)).not.toContain("alpha");
  });

  it("answers 404 for unknown apps", async () => {
    expectError(await list(t, "app_00000000000000000000"), 404, "app_not_found");
    expectError(await list(t, "not-an-id"), 404, "app_not_found");
  });
});
