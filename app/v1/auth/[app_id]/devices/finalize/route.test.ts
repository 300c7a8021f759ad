import { beforeAll, describe, expect, it } from "vitest";
import { signIn } from "@/lib/sessions/test-fixtures";
import { createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import {
  authenticator,
  credentialsOf,
  devicesFinalize,
  devicesRegister,
  eventsOf,
  expireCeremonies,
  loginWith,
  signUpWithPasskey,
  userById,
} from "../../webauthn/test-fixtures";

let t: Tenant;
beforeAll(async () => {
  t = await createTenant();
});

describe("POST /v1/auth/{app_id}/devices/finalize", () => {
  it("adds a passkey to a magic-link user: device object, nickname from the UA, webauthn flags set, then it signs in", async () => {
    const me = await signIn(t.app);
    expect((await userById(me.user.id))?.webauthnEnabled).toBe(false);
    const init = await devicesRegister(t.app, me.payload.access);
    const auth = authenticator();
    const { json, passkey } = auth.register(init.body.options);
    const res = await devicesFinalize(t.app, json, me.payload.access);
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ id: passkey.credentialId, nickname: "Chrome on macOS", user_agent: expect.stringContaining("Chrome/124"), created_at: expect.any(String) });
    expect(await userById(me.user.id)).toMatchObject({ webauthnEnabled: true, webauthnTypes: ["platform"] });
    expect((await eventsOf(t.app, "passkey.registered")).some((e) => e.appUserId === me.user.id)).toBe(true);
    expectStatus(await loginWith(t.app, auth, me.user.email ?? undefined), 200);
  });

  it("refuses a credential the user already has (excludeCredentials enforced server-side) with 409", async () => {
    const { payload, passkey } = await signUpWithPasskey(t.app);
    const init = await devicesRegister(t.app, payload.access);
    const dup = authenticator().register(init.body.options, { credentialId: passkey.credentialId }).json;
    expectError(await devicesFinalize(t.app, dup, payload.access), 409, "credential_exists");
    expect(await credentialsOf(payload.user_id)).toHaveLength(1);
  });

  it("refuses another user's ceremony, a replay, an expired ceremony, a wrong origin and a wrong RP ID", async () => {
    const a = await signIn(t.app);
    const b = await signIn(t.app);
    const initA = await devicesRegister(t.app, a.payload.access);
    // b finishes a ceremony a started: not b's.
    expectError(await devicesFinalize(t.app, authenticator().register(initA.body.options).json, b.payload.access), 404, "webauthn_challenge_not_found");

    const init = await devicesRegister(t.app, a.payload.access);
    const { json } = authenticator().register(init.body.options);
    expectStatus(await devicesFinalize(t.app, json, a.payload.access), 200);
    expectError(await devicesFinalize(t.app, json, a.payload.access), 404, "webauthn_challenge_not_found");

    for (const o of [{ origin: "https://evil.test" }, { rpId: "evil.test" }]) {
      const i = await devicesRegister(t.app, a.payload.access);
      expectError(await devicesFinalize(t.app, authenticator().register(i.body.options, o).json, a.payload.access), 422, "webauthn_registration_failed");
    }
    const other = await createTenant();
    const c = await signIn(other.app);
    const late = await devicesRegister(other.app, c.payload.access);
    await expireCeremonies(other.app);
    expectError(await devicesFinalize(other.app, authenticator().register(late.body.options).json, c.payload.access), 404, "webauthn_challenge_not_found");
    expect(await credentialsOf(a.user.id)).toHaveLength(1);
    expect(await credentialsOf(b.user.id)).toHaveLength(0);
  });

  it("requires a user token: none → 401, and bad bodies → 4xx", async () => {
    const a = await signIn(t.app);
    const init = await devicesRegister(t.app, a.payload.access);
    const { json } = authenticator().register(init.body.options);
    expectError(await devicesFinalize(t.app, json), 401, "unauthorized");
    expectError(await devicesFinalize(t.app, "nope", a.payload.access), 400, "invalid_json");
    expectError(await devicesFinalize(t.app, { id: json.id }, a.payload.access), 400, "bad_request");
    expectStatus(await devicesFinalize(t.app, json, a.payload.access), 200);
  });
});
