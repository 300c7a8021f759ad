/**
 * `tenant_mode: verify_only` through the real route handlers: the sign-in and
 * session routes of a verify-only app answer 403 `tenant_mode_verify_only`
 * (by public or internal id), its JWKS and public key stay open, and a full
 * app is unaffected.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { GET as wellKnownJwks } from "@/app/v1/auth/[app_id]/.well-known/jwks.json/route";
import { GET as currentUser } from "@/app/v1/auth/[app_id]/current_user/route";
import { GET as jwks } from "@/app/v1/auth/[app_id]/jwks/route";
import { POST as magicLogin } from "@/app/v1/auth/[app_id]/magic_links/login/route";
import { GET as oauthAuthorize } from "@/app/v1/auth/[app_id]/oauth/authorize/route";
import { POST as otpLogin } from "@/app/v1/auth/[app_id]/otps/login/route";
import { GET as publicKey } from "@/app/v1/auth/[app_id]/public_key/route";
import { POST as refresh } from "@/app/v1/auth/[app_id]/tokens/refresh/route";
import { POST as webauthnLogin } from "@/app/v1/auth/[app_id]/webauthn/login/initialize/route";
import { createApp } from "@/lib/apps/create-app";
import type { AppRow } from "@/lib/apps/find-app";
import { systemCtx } from "@/lib/context";
import { type SignedIn, signIn } from "@/lib/sessions/test-fixtures";
import { call, type CallResult, createTenant, expectError } from "@/test/harness";

let verifyOnly: AppRow;
let full: AppRow;
let voUser: SignedIn;
let fullUser: SignedIn;

beforeAll(async () => {
  const t = await createTenant({ name: "Tenant mode" });
  const ctx = systemCtx("test");
  ({ app: verifyOnly } = await createApp({
    ctx,
    input: {
      workspaceId: t.workspace.id,
      settings: { name: "Verify only", origin: "https://vo.test", tenant_mode: "verify_only", email_auth_type: "otp" },
    },
  }));
  full = t.app;
  // Sessions made directly (as if they predated the switch): the routes must still refuse them.
  voUser = await signIn(verifyOnly);
  fullUser = await signIn(full);
});

type Probe = (app: AppRow, ref: string, user: SignedIn) => Promise<CallResult>;

const probes: Record<string, Probe> = {
  "POST magic_links/login": (_a, ref) =>
    call(magicLogin, "POST", `/v1/auth/${ref}/magic_links/login`, { params: { app_id: ref }, body: { identifier: "vo@example.com" } }),
  "POST otps/login": (_a, ref) =>
    call(otpLogin, "POST", `/v1/auth/${ref}/otps/login`, { params: { app_id: ref }, body: { identifier: "vo@example.com" } }),
  "POST webauthn/login/initialize": (_a, ref) =>
    call(webauthnLogin, "POST", `/v1/auth/${ref}/webauthn/login/initialize`, { params: { app_id: ref }, body: { identifier: "vo@example.com" } }),
  "GET oauth/authorize": (_a, ref) =>
    call(oauthAuthorize, "GET", `/v1/auth/${ref}/oauth/authorize`, { params: { app_id: ref }, query: { provider: "google" } }),
  "GET current_user": (_a, ref, user) =>
    call(currentUser, "GET", `/v1/auth/${ref}/current_user`, { params: { app_id: ref }, headers: { "x-authorization": user.payload.access } }),
  "POST tokens/refresh": (_a, ref, user) =>
    call(refresh, "POST", `/v1/auth/${ref}/tokens/refresh`, { params: { app_id: ref }, headers: { "x-refresh-token": user.refresh } }),
};

const open: Record<string, Probe> = {
  "GET jwks": (_a, ref) => call(jwks, "GET", `/v1/auth/${ref}/jwks`, { params: { app_id: ref } }),
  "GET .well-known/jwks.json": (_a, ref) => call(wellKnownJwks, "GET", `/v1/auth/${ref}/.well-known/jwks.json`, { params: { app_id: ref } }),
  "GET public_key": (_a, ref) => call(publicKey, "GET", `/v1/auth/${ref}/public_key`, { params: { app_id: ref } }),
};

describe("tenant_mode verify_only", () => {
  it.each(Object.keys(probes))("%s on a verify-only app: 403 tenant_mode_verify_only (public and internal id)", async (name) => {
    const probe = probes[name];
    if (!probe) throw new Error(name);
    expectError(await probe(verifyOnly, verifyOnly.publicId, voUser), 403, "tenant_mode_verify_only");
    expectError(await probe(verifyOnly, verifyOnly.id, voUser), 403, "tenant_mode_verify_only");
  });

  it.each(Object.keys(probes))("%s on a full app is not refused by tenant mode", async (name) => {
    const probe = probes[name];
    if (!probe) throw new Error(name);
    const res = await probe(full, full.publicId, fullUser);
    expect(res.body?.error_code, `${name}: ${res.text}`).not.toBe("tenant_mode_verify_only");
    expect(res.status, `${name}: ${res.text}`).not.toBe(403);
  });

  it("the full app's sign-in routes really work (magic link sent, current user served)", async () => {
    const sent = await probes["POST magic_links/login"]?.(full, full.publicId, fullUser);
    expect(sent?.status, sent?.text).toBe(200);
    const me = await probes["GET current_user"]?.(full, full.publicId, fullUser);
    expect(me?.status, me?.text).toBe(200);
  });

  it.each(Object.keys(open))("%s stays open on a verify-only app", async (name) => {
    const probe = open[name];
    if (!probe) throw new Error(name);
    const res = await probe(verifyOnly, verifyOnly.publicId, voUser);
    expect(res.status, res.text).toBe(200);
    expect(res.text).not.toContain("tenant_mode_verify_only");
  });
});
