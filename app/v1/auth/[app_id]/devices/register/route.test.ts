import { beforeAll, describe, expect, it } from "vitest";
import { revokeSession } from "@/lib/sessions/revoke-session";
import { systemCtx } from "@/lib/context";
import { signIn } from "@/lib/sessions/test-fixtures";
import { createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { devicesRegister, setApp, signUpWithPasskey } from "../../webauthn/test-fixtures";

let t: Tenant;
beforeAll(async () => {
  t = await createTenant();
});

describe("POST /v1/auth/{app_id}/devices/register", () => {
  it("answers creation options for the signed-in user with every passkey in excludeCredentials (no body needed)", async () => {
    const { payload, passkey } = await signUpWithPasskey(t.app);
    const res = await devicesRegister(t.app, payload.access);
    expectStatus(res, 200);
    expect(res.body.user_verification).toBe("preferred");
    expect(res.body.options).not.toHaveProperty("publicKey");
    expect(res.body.options.excludeCredentials).toEqual([{ type: "public-key", id: passkey.credentialId, transports: ["internal", "hybrid"] }]);
    expect(res.body.options.rp).toEqual({ id: "app.test", name: t.app.name });
    expect(Buffer.from(res.body.options.user.id, "base64url").toString("hex")).toBe(payload.user_id.replace(/-/g, ""));
  });

  it("accepts a raw or Bearer-prefixed token; refuses none, another app's token and a revoked session with 401", async () => {
    const me = await signIn(t.app);
    expectStatus(await devicesRegister(t.app, `Bearer ${me.payload.access}`), 200);
    expectError(await devicesRegister(t.app), 401, "unauthorized");
    const other = await createTenant();
    const stranger = await signIn(other.app);
    const res = await devicesRegister(t.app, stranger.payload.access);
    expect(res.status).toBe(401);
    expect(res.text).not.toContain(stranger.user.id);
    await revokeSession({ ctx: systemCtx(), input: { app: t.app, appUserId: me.user.id, sessionId: me.session.id, reason: "sign_out" } });
    expect((await devicesRegister(t.app, me.payload.access)).status).toBe(401);
  });

  it("answers 403 passkeys_disabled when the app has passkeys off", async () => {
    const other = await createTenant();
    const me = await signIn(other.app);
    await setApp(other.app, { passkeysEnabled: false });
    expectError(await devicesRegister(other.app, me.payload.access), 403, "passkeys_disabled");
  });
});
