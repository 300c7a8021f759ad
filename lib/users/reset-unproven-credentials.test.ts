/**
 * Account pre-hijacking (threats: an attacker signs up the victim's address
 * with their own passkey before the victim ever signs in): the victim's first
 * proof of the address removes that passkey and revokes its sessions.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { authenticate, loginLink, setApp } from "@/app/v1/auth/[app_id]/magic_links/test-fixtures";
import { sendCode, verify } from "@/app/v1/auth/[app_id]/otps/test-fixtures";
import {
  credentialsOf,
  eventsOf,
  loginWith,
  newEmail,
  sessionsOf,
  signUpWithPasskey,
  userById,
} from "@/app/v1/auth/[app_id]/webauthn/test-fixtures";
import { createTenant, expectStatus, type Tenant } from "@/test/harness";

let t: Tenant;
beforeAll(async () => {
  t = await createTenant();
});

describe("first proof of an address after a passkey sign-up", () => {
  it("a magic link removes the unproven passkey and revokes its sessions; later links change nothing", async () => {
    const attacker = await signUpWithPasskey(t.app, newEmail());
    const userId = attacker.payload.user_id;
    expect((await userById(userId))?.emailVerified).toBe(false);
    expect(await credentialsOf(userId)).toHaveLength(1);

    const { token } = await loginLink(t.app, attacker.email);
    const res = await authenticate(t.app, { token });
    expectStatus(res, 200);

    const user = await userById(userId);
    expect(user).toMatchObject({ emailVerified: true, webauthnEnabled: false, webauthnTypes: [] });
    expect(await credentialsOf(userId)).toHaveLength(0);
    const sessions = await sessionsOf(userId);
    // The passkey's session is revoked; the owner's new session is live.
    expect(sessions.filter((s) => s.type === "webauthn").every((s) => s.revokedAt !== null)).toBe(true);
    expect(sessions.filter((s) => s.revokedAt === null)).toHaveLength(1);
    const reset = (await eventsOf(t.app, "user.credentials_reset")).filter((e) => e.appUserId === userId);
    expect(reset).toHaveLength(1);
    expect(reset[0]?.params).toMatchObject({ via: "magic_link", passkeys_removed: 1 });
    // The attacker's authenticator no longer signs in.
    expect((await loginWith(t.app, attacker.auth)).status).not.toBe(200);

    // Already proven: a passkey added now survives the next link.
    const second = await loginLink(t.app, attacker.email);
    expectStatus(await authenticate(t.app, { token: second.token }), 200);
    expect((await eventsOf(t.app, "user.credentials_reset")).filter((e) => e.appUserId === userId)).toHaveLength(1);
  });

  it("an email code does the same", async () => {
    const u = await createTenant();
    const app = await setApp(u.app, { emailAuthType: "otp" });
    const attacker = await signUpWithPasskey(app, newEmail());
    const userId = attacker.payload.user_id;
    const { code } = await sendCode(app, attacker.email);
    expectStatus(await verify(app, { otp: code, user_id: userId }), 200);
    expect(await credentialsOf(userId)).toHaveLength(0);
    expect((await userById(userId))?.webauthnEnabled).toBe(false);
    const reset = (await eventsOf(app, "user.credentials_reset")).filter((e) => e.appUserId === userId);
    expect(reset[0]?.params).toMatchObject({ via: "otp", passkeys_removed: 1 });
  });
});
