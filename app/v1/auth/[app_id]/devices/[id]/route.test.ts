import { decodeJwt } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as CURRENT_USER } from "@/app/v1/auth/[app_id]/current_user/route";
import { signIn } from "@/lib/sessions/test-fixtures";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import {
  authenticator,
  credentialsOf,
  deviceDelete,
  devicesFinalize,
  devicesRegister,
  eventsOf,
  loginInitialize,
  loginFinalize,
  loginWith,
  sessionsOf,
  signUpWithPasskey,
  userById,
} from "../../webauthn/test-fixtures";

let t: Tenant;
beforeAll(async () => {
  t = await createTenant();
});

const currentUser = (access: string) =>
  call(CURRENT_USER, "GET", `/v1/auth/${t.app.publicId}/current_user`, { params: { app_id: t.app.publicId }, headers: { "x-authorization": access } });

describe("DELETE /v1/auth/{app_id}/devices/{id}", () => {
  it("register → login → add device → revoke: the device's sessions die, the other device keeps working", async () => {
    const { email, auth: laptop, passkey: first, payload } = await signUpWithPasskey(t.app);
    const login = await loginWith(t.app, laptop, email);
    expectStatus(login, 200);
    expect(decodeJwt(login.body.access).crid).toBe(first.credentialId);

    // Add a second device from the passkey session.
    const phone = authenticator();
    const init = await devicesRegister(t.app, login.body.access);
    const added = await devicesFinalize(t.app, phone.register(init.body.options).json, login.body.access);
    expectStatus(added, 200);
    expect(await credentialsOf(payload.user_id)).toHaveLength(2);
    const phoneLogin = await loginWith(t.app, phone, email);
    expectStatus(phoneLogin, 200);

    // Revoke the laptop passkey using the phone session.
    const res = await deviceDelete(t.app, first.credentialId, phoneLogin.body.access);
    expectStatus(res, 200);
    expect(res.body).toEqual({ message: "ok" });
    expect((await currentUser(login.body.access)).status).toBe(401);
    expect((await currentUser(payload.access)).status).toBe(401);
    expectStatus(await currentUser(phoneLogin.body.access), 200);
    const live = (await sessionsOf(payload.user_id)).filter((s) => !s.revokedAt);
    expect(live.every((s) => s.credentialId !== first.credentialId)).toBe(true);
    expect(await userById(payload.user_id)).toMatchObject({ webauthnEnabled: true });
    const revoked = (await eventsOf(t.app, "passkey.revoked")).filter((e) => e.appUserId === payload.user_id);
    expect(revoked.map((e) => e.params.credential_id)).toEqual([first.credentialId]);

    // The revoked passkey no longer signs in, and is gone from allowCredentials.
    const after = await loginInitialize(t.app, { identifier: email });
    expect(after.body.options.allowCredentials.map((c: { id: string }) => c.id)).toEqual([added.body.id]);
    expectError(await loginFinalize(t.app, laptop.assert(after.body.options, { passkey: first })), 401, "webauthn_failed");

    // Removing the last one turns webauthn_enabled off (and revokes the current session).
    expectStatus(await deviceDelete(t.app, added.body.id, phoneLogin.body.access), 200);
    expect(await userById(payload.user_id)).toMatchObject({ webauthnEnabled: false, webauthnTypes: [] });
    expect((await currentUser(phoneLogin.body.access)).status).toBe(401);
  });

  it("answers 404 device_not_found for another user's and an unknown credential, and 401 without a token", async () => {
    const victim = await signUpWithPasskey(t.app);
    const me = await signIn(t.app);
    expectError(await deviceDelete(t.app, victim.passkey.credentialId, me.payload.access), 404, "device_not_found");
    expectError(await deviceDelete(t.app, "AAAA", me.payload.access), 404, "device_not_found");
    expectError(await deviceDelete(t.app, victim.passkey.credentialId), 401, "unauthorized");
    const other = await createTenant();
    const stranger = await signIn(other.app);
    expect((await deviceDelete(t.app, victim.passkey.credentialId, stranger.payload.access)).status).toBe(401);
    expect(await credentialsOf(victim.payload.user_id)).toHaveLength(1);
  });
});
