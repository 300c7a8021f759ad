import { beforeAll, describe, expect, it } from "vitest";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { GET } from "./route";

let t: Tenant;
let other: Tenant;
beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
});

const get = (tenant: Tenant, secret?: string) =>
  call(GET, "GET", `/v1/apps/${tenant.app.publicId}/webhooks/event_types`, { params: { app_id: tenant.app.publicId }, secret });

describe("GET /v1/apps/{app_id}/webhooks/event_types", () => {
  it("lists the catalogue with descriptions, documented types included", async () => {
    const res = await get(t, t.appKey);
    expectStatus(res, 200);
    const names = res.body.event_types.map((e: { name: string }) => e.name);
    for (const n of ["user.created", "user.updated", "verification.email.verified", "verification.sms.delivery_failed", "verification.success", "webhook.test"]) {
      expect(names).toContain(n);
    }
    expect(new Set(names).size).toBe(names.length);
    for (const e of res.body.event_types) expect(e.description).toEqual(expect.any(String));
  });

  it("needs a key that reaches the app", async () => {
    expectError(await get(t), 401, "api_key_required");
    expectError(await get(t, other.appKey), 403, "api_key_not_authorized");
    expectError(await get(t, other.workspaceKey), 404, "app_not_found");
  });
});
