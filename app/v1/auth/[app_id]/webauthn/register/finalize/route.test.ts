import { decodeJwt } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import {
  authenticator,
  credentialsOf,
  eventsOf,
  expireCeremonies,
  newEmail,
  registerFinalize,
  registerInitialize,
  sessionsOf,
  setApp,
  signUpWithPasskey,
  userById,
} from "../../test-fixtures";

let t: Tenant;
const uuidOf = (handle: string) =>
  Buffer.from(handle, "base64url")
    .toString("hex")
    .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, "$1-$2-$3-$4-$5");
beforeAll(async () => {
  t = await createTenant();
});

describe("POST /v1/auth/{app_id}/webauthn/register/initialize", () => {
  it("creates a pending user and answers creation options in JSON form, not wrapped in publicKey", async () => {
    const res = await registerInitialize(t.app, { identifier: newEmail(), user_meta: { nope: 1 } });
    expectStatus(res, 200);
    expect(res.body.user_verification).toBe("preferred");
    expect(res.body.options).not.toHaveProperty("publicKey");
    expect(res.body.options).toMatchObject({
      rp: { id: "app.test", name: t.app.name },
      challenge: expect.stringMatching(/^[A-Za-z0-9_-]{20,}$/),
      timeout: 60000,
      attestation: "none",
      excludeCredentials: [],
      authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
    });
    expect(res.body.options.pubKeyCredParams.map((p: { alg: number }) => p.alg)).toEqual([-7, -257]);
    // user.id = the 16 bytes of the user's uuid
    expect(Buffer.from(res.body.options.user.id, "base64url")).toHaveLength(16);
    expect(res.body.user_meta_errors).toHaveProperty("nope");
  });

  it("refuses an identifier that already belongs to an active user (no passkey added to someone else's account)", async () => {
    const { email } = await signUpWithPasskey(t.app);
    expectError(await registerInitialize(t.app, { identifier: email }), 409, "identifier_taken");
  });

  it("answers 400 for a bad identifier, 403 with public sign-up off, 403 with passkeys off, 404 for an unknown app", async () => {
    expectError(await registerInitialize(t.app, { identifier: "not an email" }), 400, "invalid_identifier");
    expectError(await registerInitialize(t.app, {}), 400, "bad_request");
    const other = await createTenant();
    await setApp(other.app, { publicSignup: false });
    expectError(await registerInitialize(other.app, { identifier: newEmail() }), 403, "public_signup_disabled");
    await setApp(other.app, { publicSignup: true, passkeysEnabled: false });
    expectError(await registerInitialize(other.app, { identifier: newEmail() }), 403, "passkeys_disabled");
    const missing = { ...t.app, publicId: "app_00000000000000000000" };
    expectError(await registerInitialize(missing, { identifier: newEmail() }), 404, "app_not_found");
  });
});

describe("POST /v1/auth/{app_id}/webauthn/register/finalize", () => {
  it("stores the credential byte for byte, activates the user and starts a webauthn session carrying crid", async () => {
    const { payload, passkey } = await signUpWithPasskey(t.app);
    const claims = decodeJwt(payload.access);
    expect(claims.crid).toBe(passkey.credentialId);
    const user = await userById(payload.user_id);
    expect(user).toMatchObject({ status: "active", webauthnEnabled: true, webauthnTypes: ["platform"] });
    const [cred, ...more] = await credentialsOf(payload.user_id);
    expect(more).toHaveLength(0);
    expect(cred).toMatchObject({
      credentialId: passkey.credentialId,
      counter: 0,
      transports: ["internal", "hybrid"],
      aaguid: "00000000-0000-0000-0000-000000000000",
      nickname: "Chrome on macOS",
    });
    const [session] = await sessionsOf(payload.user_id);
    expect(session).toMatchObject({ id: claims.uid, type: "webauthn", credentialId: passkey.credentialId });
    const registered = (await eventsOf(t.app, "passkey.registered")).filter((e) => e.appUserId === payload.user_id);
    expect(registered).toHaveLength(1);
  });

  it("refuses a replayed finalize body: the ceremony was consumed", async () => {
    const init = await registerInitialize(t.app, { identifier: newEmail() });
    const { json } = authenticator().register(init.body.options);
    expectStatus(await registerFinalize(t.app, json), 200);
    expectError(await registerFinalize(t.app, json), 404, "webauthn_challenge_not_found");
  });

  it("refuses an expired ceremony, and burns a ceremony at a failed attempt", async () => {
    const other = await createTenant();
    const email = newEmail();
    const init = await registerInitialize(other.app, { identifier: email });
    await expireCeremonies(other.app);
    const auth = authenticator();
    expectError(await registerFinalize(other.app, auth.register(init.body.options).json), 404, "webauthn_challenge_not_found");

    const again = await registerInitialize(other.app, { identifier: email });
    const bad = auth.register(again.body.options, { origin: "https://evil.test" }).json;
    expectError(await registerFinalize(other.app, bad), 422, "webauthn_registration_failed");
    // The right body for the same challenge no longer works.
    expectError(await registerFinalize(other.app, auth.register(again.body.options).json), 404, "webauthn_challenge_not_found");
  });

  it("refuses a wrong origin, a wrong RP ID, a login-type clientData, and a missing user verification, with no user activated", async () => {
    const email = newEmail();
    const cases = [
      { origin: "https://evil.test" },
      { origin: "https://app.test.evil.test" },
      { rpId: "evil.test" },
      { type: "webauthn.get" },
      { uv: false },
    ];
    for (const o of cases) {
      const init = await registerInitialize(t.app, { identifier: email });
      expectError(await registerFinalize(t.app, authenticator().register(init.body.options, o).json), 422, "webauthn_registration_failed");
    }
    const init = await registerInitialize(t.app, { identifier: email });
    const pendingId = (await registerInitialize(t.app, { identifier: email })).body.options.user.id as string;
    const pending = await userById(uuidOf(pendingId));
    expect(pending).toMatchObject({ status: "pending", webauthnEnabled: false });
    expect(await credentialsOf(String(pending?.id))).toHaveLength(0);
    expect(await sessionsOf(String(pending?.id))).toHaveLength(0);
    // Then the honest registration works.
    const fin = await registerFinalize(t.app, authenticator().register(init.body.options).json);
    expectStatus(fin, 200);
    expect(await sessionsOf(fin.body.user_id)).toHaveLength(1);
  });

  it("accepts additional_origins as origins with the main origin's RP ID", async () => {
    const other = await createTenant();
    await setApp(other.app, { additionalOrigins: ["https://www.app.test"] });
    const init = await registerInitialize(other.app, { identifier: newEmail() });
    expectStatus(await registerFinalize(other.app, authenticator("https://www.app.test").register(init.body.options, { rpId: "app.test" }).json), 200);
  });

  it("refuses a credential id already registered in the app (409) and keeps the first owner", async () => {
    const first = await signUpWithPasskey(t.app);
    const init = await registerInitialize(t.app, { identifier: newEmail() });
    const dup = authenticator().register(init.body.options, { credentialId: first.passkey.credentialId }).json;
    expectError(await registerFinalize(t.app, dup), 409, "credential_exists");
    const [cred] = await credentialsOf(first.payload.user_id);
    expect(cred?.credentialId).toBe(first.passkey.credentialId);
  });

  it("answers 4xx for bad JSON, missing fields, non-base64url and oversized clientDataJSON", async () => {
    const init = await registerInitialize(t.app, { identifier: newEmail() });
    const { json } = authenticator().register(init.body.options);
    expectError(await registerFinalize(t.app, "{not json"), 400, "invalid_json");
    expectError(await registerFinalize(t.app, {}), 400, "bad_request");
    expectError(await registerFinalize(t.app, { ...json, response: { clientDataJSON: json.response.clientDataJSON } }), 400, "bad_request");
    expectError(await registerFinalize(t.app, { ...json, type: "password" }), 422, "validation_failed");
    const notB64 = await registerFinalize(t.app, { ...json, response: { ...json.response, attestationObject: "a+b/c=" } });
    expect(notB64.status).toBeGreaterThanOrEqual(400);
    expect(notB64.status).toBeLessThan(500);
    const huge = authenticator().register(init.body.options, { padClientData: 8000 }).json;
    const res = await registerFinalize(t.app, huge);
    expect([400, 413, 422]).toContain(res.status);
    const unreadable = await registerFinalize(t.app, { ...json, response: { ...json.response, clientDataJSON: "AAAA" } });
    expectError(unreadable, 400, "bad_request");
    // None of that consumed the real ceremony.
    expectStatus(await registerFinalize(t.app, json), 200);
  });
});
