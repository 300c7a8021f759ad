import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { sendCodeEmail } from "@/lib/email/send-code-email";
import { getDb } from "@/db/client";
import { messageProviders } from "@/db/schema";
import { systemCtx } from "@/lib/context";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { loginLink, newEmail } from "@/app/v1/auth/[app_id]/magic_links/test-fixtures";
import { GET } from "./route";

let t: Tenant;
let sibling: Tenant;
let child: Tenant;
beforeAll(async () => {
  t = await createTenant();
  sibling = await createTenant();
  child = await createTenant({ parentWorkspaceId: t.workspace.id });
});
afterEach(() => {
  delete process.env.RESEND_API_KEY;
  resetEnvForTests();
});

const outbox = (appId: string, secret?: string, query: Record<string, string> = {}) =>
  call(GET, "GET", `/v1/apps/${appId}/outbox`, { params: { app_id: appId }, secret, query });

describe("GET /v1/apps/{app_id}/outbox", () => {
  it("lists the app's messages newest first, with links and codes", async () => {
    const email = newEmail();
    const { token } = await loginLink(t.app, email);
    await (await getDb()).transaction((tx) =>
      sendCodeEmail(tx, { ...systemCtx("test"), now: new Date(Date.now() + 1000) }, { app: t.app, to: email, code: "123456", expiresInSeconds: 600 }),
    );
    const res = await outbox(t.app.publicId, t.appKey);
    expectStatus(res, 200);
    const [code, link] = res.body.messages;
    expect(Object.keys(code).sort()).toEqual(["channel", "code", "created_at", "html", "id", "links", "status", "subject", "template", "text", "to"]);
    expect(code).toMatchObject({ channel: "email", to: email, code: "123456", template: "otp_code", status: "captured" });
    expect(link).toMatchObject({ to: email, template: "magic_link_login", code: null });
    expect(link.links[0]).toContain(token);
    expect(typeof link.html).toBe("string");
    expect(new Date(code.created_at).getTime()).toBeGreaterThanOrEqual(new Date(link.created_at).getTime());
  });

  it("honours limit (1–100, default 25) and sees only its own app", async () => {
    for (let i = 0; i < 3; i++) await loginLink(sibling.app, newEmail());
    const one = await outbox(sibling.app.publicId, sibling.appKey, { limit: "1" });
    expectStatus(one, 200);
    expect(one.body.messages).toHaveLength(1);
    expect((await outbox(sibling.app.publicId, sibling.appKey)).body.messages).toHaveLength(3);
    expectError(await outbox(sibling.app.publicId, sibling.appKey, { limit: "0" }), 422, "validation_failed");
    expectError(await outbox(sibling.app.publicId, sibling.appKey, { limit: "101" }), 422, "validation_failed");
    expect((await outbox(child.app.publicId, child.appKey)).body.messages).toEqual([]);
  });

  it("needs the app's key or a workspace key that reaches it", async () => {
    expectError(await outbox(t.app.publicId), 401, "api_key_required");
    expectError(await outbox(t.app.publicId, "scapp_unknownunknownunknownunknown00"), 401, "invalid_api_key");
    expectError(await outbox(t.app.publicId, sibling.appKey), 403, "api_key_not_authorized");
    expectError(await outbox(t.app.publicId, sibling.workspaceKey), 404, "app_not_found");
    expectStatus(await outbox(t.app.publicId, t.workspaceKey), 200);
    expectStatus(await outbox(child.app.publicId, t.workspaceKey), 200);
    expectStatus(await outbox(t.app.id, t.appKey), 200);
  });

  it("is 404 when the instance sends email through a provider", async () => {
    process.env.RESEND_API_KEY = "re_test_key";
    resetEnvForTests();
    expectError(await outbox(t.app.publicId, t.appKey), 404, "not_found");
  });

  it("answers 404 once the app sends email through its own provider", async () => {
    const own = await createTenant();
    expectStatus(await outbox(own.app.publicId, own.appKey), 200);
    await (await getDb()).insert(messageProviders).values({
      appId: own.app.id,
      providerType: "email",
      provider: "smtp",
      enabled: true,
      isDefault: true,
      config: { host: "smtp.example.com", port: 587 },
    });
    expectError(await outbox(own.app.publicId, own.appKey), 404, "not_found");
  });
});
