import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { GET, POST } from "../route";
import { revokedKey } from "../test-fixtures";
import { PATCH } from "./route";

let t: Tenant;
let other: Tenant;
const ids: Record<string, string> = {};
beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
  for (const name of ["a", "b", "c"]) {
    const res = await call(POST, "POST", "/x", { params: { app_id: t.app.publicId }, secret: t.appKey, body: { name, field_type: "string" } });
    ids[name] = res.body.id;
  }
  const res = await call(POST, "POST", "/x", { params: { app_id: other.app.publicId }, secret: other.appKey, body: { name: "z", field_type: "string" } });
  ids.z = res.body.id;
});

const reorder = (secret: string | undefined, body: unknown) =>
  call(PATCH, "PATCH", `/v1/apps/${t.app.publicId}/user_meta_fields/positions`, { params: { app_id: t.app.publicId }, secret, body });
const order = async () => (await call(GET, "GET", "/x", { params: { app_id: t.app.publicId } })).body.map((f: { field_name: string }) => f.field_name);

describe("PATCH /v1/apps/{app_id}/user_meta_fields/positions", () => {
  it("sets positions from { positions } and from an ordered { ids } list", async () => {
    expect(await order()).toEqual(["a", "b", "c"]);
    const res = await reorder(t.appKey, { positions: [{ id: ids.c, position: 1 }, { id: ids.a, position: 5 }, { id: ids.b, position: 3 }] });
    expectStatus(res, 200);
    expect(res.body.map((f: { field_name: string; position: number }) => [f.field_name, f.position])).toEqual([["c", 1], ["b", 3], ["a", 5]]);
    expectStatus(await reorder(t.appKey, { ids: [ids.b, ids.a, ids.c] }), 200);
    expect(await order()).toEqual(["b", "a", "c"]);
    const form = new URLSearchParams({ "ids[]": ids.a ?? "" });
    form.append("ids[]", ids.c ?? "");
    form.append("ids[]", ids.b ?? "");
    expectStatus(await reorder(t.appKey, form), 200);
    expect(await order()).toEqual(["a", "c", "b"]);
  });

  it("refuses another app's ids, unknown ids, duplicates and empty bodies, changing nothing", async () => {
    const before = await order();
    expectError(await reorder(t.appKey, { ids: [ids.z, ids.a] }), 404, "meta_field_not_found");
    expectError(await reorder(t.appKey, { ids: [randomUUID()] }), 404, "meta_field_not_found");
    expectError(await reorder(t.appKey, { ids: ["not-a-uuid"] }), 404, "meta_field_not_found");
    expectError(await reorder(t.appKey, { ids: [ids.a, ids.a] }), 422, "validation_failed");
    expectError(await reorder(t.appKey, { positions: [{ id: ids.a, position: -1 }] }), 422, "validation_failed");
    expectError(await reorder(t.appKey, {}), 400, "bad_request");
    expect(await order()).toEqual(before);
  });

  it("enforces the tenant rules", async () => {
    const before = await order();
    const body = { ids: [ids.c, ids.b, ids.a] };
    expectError(await reorder(undefined, body), 401, "api_key_required");
    expectError(await reorder(await revokedKey(t), body), 401, "invalid_api_key");
    expectError(await reorder(other.appKey, body), 403, "api_key_not_authorized");
    const leak = await reorder(other.workspaceKey, body);
    expectError(leak, 404, "app_not_found");
    expect(leak.text).not.toContain(ids.a);
    expect(await order()).toEqual(before);
  });
});
