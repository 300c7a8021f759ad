/**
 * Passkeys for a configured parent-domain RP ID (app setting
 * `webauthn_rp_id`, spec §9 shared rules): set through the admin API, then
 * driven end to end with the software authenticator.
 */
import { decodeJwt } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { PATCH as APP_PATCH } from "@/app/v1/apps/[app_id]/route";
import type { AppRow } from "@/lib/apps/find-app";
import { findLiveApp } from "@/lib/apps/find-app";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { authenticator, loginFinalize, loginInitialize, newEmail, registerFinalize, registerInitialize, signUpWithPasskey } from "./test-fixtures";

const LOGIN_ORIGIN = "https://login.example.com";
let t: Tenant;
let app: AppRow;

async function configure(tenant: Tenant, settings: Record<string, unknown>): Promise<AppRow> {
  const res = await call(APP_PATCH, "PATCH", `/v1/apps/${tenant.app.publicId}`, {
    params: { app_id: tenant.app.publicId },
    secret: tenant.appKey,
    body: settings,
  });
  expectStatus(res, 200);
  const row = await findLiveApp(tenant.app.publicId);
  if (!row) throw new Error("app vanished");
  return row;
}

beforeAll(async () => {
  t = await createTenant();
  app = await configure(t, { origin: LOGIN_ORIGIN, additional_origins: ["https://www.example.com"], webauthn_rp_id: "example.com" });
});

describe("passkeys with webauthn_rp_id = example.com on https://login.example.com", () => {
  it("registers with rp.id example.com, then signs in with rpId example.com (crid in the token)", async () => {
    const auth = authenticator(LOGIN_ORIGIN);
    const { email, passkey, payload, options } = await signUpWithPasskey(app, newEmail(), auth);
    expect(options.rp.id).toBe("example.com");
    expect(passkey.rpId).toBe("example.com");
    expect(decodeJwt(payload.access).crid).toBe(passkey.credentialId);

    const init = await loginInitialize(app, { identifier: email });
    expectStatus(init, 200);
    expect(init.body.options.rpId).toBe("example.com");
    const fin = await loginFinalize(app, auth.assert(init.body.options));
    expectStatus(fin, 200);
    expect(decodeJwt(fin.body.access).crid).toBe(passkey.credentialId);

    // The same passkey from the other configured origin (a sibling subdomain) works too.
    const again = await loginInitialize(app, { identifier: email });
    expectStatus(await loginFinalize(app, auth.assert(again.body.options, { origin: "https://www.example.com" })), 200);
  });

  it("refuses a registration whose authenticator data carries another RP ID", async () => {
    const init = await registerInitialize(app, { identifier: newEmail() });
    expectStatus(init, 200);
    const { json } = authenticator(LOGIN_ORIGIN).register(init.body.options, { rpId: "login.example.com" });
    expectError(await registerFinalize(app, json), 422, "webauthn_registration_failed");
  });

  it("refuses an assertion for another RP ID, and one from a subdomain that is not one of the app's origins", async () => {
    const auth = authenticator(LOGIN_ORIGIN);
    const { email } = await signUpWithPasskey(app, newEmail(), auth);
    const wrongRp = await loginInitialize(app, { identifier: email });
    expectError(await loginFinalize(app, auth.assert(wrongRp.body.options, { rpId: "login.example.com" })), 401, "webauthn_failed");
    const ample = await loginInitialize(app, { identifier: email });
    expectError(await loginFinalize(app, auth.assert(ample.body.options, { rpId: "ample.com" })), 401, "webauthn_failed");
    const foreign = await loginInitialize(app, { identifier: email });
    expectError(await loginFinalize(app, auth.assert(foreign.body.options, { origin: "https://evil.example.com" })), 401, "webauthn_failed");
  });

  it("binds passkeys to their RP ID: one made for the origin's host stops verifying once the parent domain is configured", async () => {
    const other = await createTenant();
    const before = await configure(other, { origin: LOGIN_ORIGIN });
    const auth = authenticator(LOGIN_ORIGIN);
    const { email, options } = await signUpWithPasskey(before, newEmail(), auth);
    expect(options.rp.id).toBe("login.example.com");
    const after = await configure(other, { webauthn_rp_id: "example.com" });
    const init = await loginInitialize(after, { identifier: email });
    expect(init.body.options.rpId).toBe("example.com");
    // The authenticator signs for the RP ID it holds the key under, as a browser would.
    expectError(await loginFinalize(after, auth.assert(init.body.options, { rpId: "login.example.com" })), 401, "webauthn_failed");
  });
});
