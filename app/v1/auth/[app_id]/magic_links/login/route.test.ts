import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { markTesseraServer, PEER_HEADER } from "@/lib/api/client-ip";
import { expectError, expectStatus, createTenant, type Tenant } from "@/test/harness";
import {
  countUsers,
  eventsOf,
  latestLink,
  latestMessage,
  linkRow,
  loginLink,
  newEmail,
  sendLogin,
  setApp,
  userByEmail,
} from "../test-fixtures";

let t: Tenant;
beforeAll(async () => {
  t = await createTenant();
});

describe("POST /v1/auth/{app_id}/magic_links/login", () => {
  it("creates a pending user, emails a link with sct_magic and answers { magic_link: { id }, user_meta_errors: {} }", async () => {
    const email = newEmail();
    const res = await sendLogin(t.app, { identifier: email, webauthn_enabled: true }, { headers: { authorization: "Bearer scapp_not_a_key" } });
    expectStatus(res, 200);
    expect(Object.keys(res.body).sort()).toEqual(["magic_link", "user_meta_errors"]);
    expect(res.body.user_meta_errors).toEqual({});
    const id = res.body.magic_link.id;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    const user = await userByEmail(t.app, email);
    expect(user).toMatchObject({ status: "pending", emailVerified: false });
    const { url, token } = await latestLink(t.app, email);
    expect(url.origin).toBe("https://app.test");
    expect(url.searchParams.get("sct_sk")).toBeNull();

    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      uuid: user?.id,
      user_status: "pending",
      webauthnEnabled: true,
      email,
      jti: id,
      aid: t.app.publicId,
      kind: "login",
    });
    expect(claims.exp).toBe((claims.iat ?? 0) + t.app.magicLinkExpiration);
    const row = await linkRow(id);
    expect(row).toMatchObject({ kind: "login", webauthnEnabled: true, consumedAt: null });
    expect(Math.round(row.expiresAt.getTime() / 1000)).toBe(claims.exp);

    const message = await latestMessage(t.app, email);
    expect(message.template).toBe("magic_link_login");
    expect(message.subject).toContain(t.app.name);
    const sent = await eventsOf(t.app, "magic_link.sent");
    expect(sent.some((e) => e.appUserId === user?.id)).toBe(true);
    // The link id is a polling secret: never in the audit log.
    expect(JSON.stringify(sent)).not.toContain(id);
    expect((await eventsOf(t.app, "user.created")).some((e) => e.appUserId === user?.id)).toBe(true);
  });

  it("finds the existing user case-insensitively and sends to the stored address", async () => {
    const email = newEmail();
    await loginLink(t.app, email);
    const before = await countUsers(t.app);
    const res = await sendLogin(t.app, { identifier: `  ${email.toUpperCase()} ` });
    expectStatus(res, 200);
    expect(await countUsers(t.app)).toBe(before);
    expect((await latestMessage(t.app, email)).to).toBe(email);
  });

  it("adds sct_sk=true without passkey support or with passkeys off, and keeps login_url's query", async () => {
    const email = newEmail();
    let link = await loginLink(t.app, email, { webauthn_enabled: "false" });
    expect(link.url.searchParams.get("sct_sk")).toBe("true");
    expect(decodeJwt(link.token).webauthnEnabled).toBe(false);

    const app = await setApp(t.app, { loginUrl: "https://app.test/auth/callback?next=%2Fhome&sct_sk=false#frag", passkeysEnabled: false });
    try {
      link = await loginLink(app, email, { webauthn_enabled: true });
      expect(link.url.origin + link.url.pathname).toBe("https://app.test/auth/callback");
      expect(link.url.searchParams.get("next")).toBe("/home");
      expect(link.url.searchParams.getAll("sct_sk")).toEqual(["true"]);
      expect(link.url.hash).toBe("#frag");
    } finally {
      await setApp(t.app, { loginUrl: null, passkeysEnabled: true });
    }
  });

  it("builds the link from the app's configuration only, whatever the Host and forwarding headers say (T12)", async () => {
    const email = newEmail();
    const res = await sendLogin(
      t.app,
      { identifier: email },
      { headers: { host: "evil.test", "x-forwarded-host": "evil.test", forwarded: "host=evil.test;proto=http", origin: "https://evil.test" } },
    );
    expectStatus(res, 200);
    const message = await latestMessage(t.app, email);
    expect(message.links[0]).toMatch(/^https:\/\/app\.test\/\?sct_magic=/);
    expect(`${message.html}${message.text}`).not.toContain("evil.test");
  });

  it("refuses phones, malformed and look-alike addresses with 400 invalid_identifier, writing no user", async () => {
    const before = await countUsers(t.app);
    for (const identifier of [
      "+14155550123",
      "not-an-email",
      "a@",
      "@x.test",
      "a@@x.test",
      "a＠x.test",
      "pаypal@x.test",
      "a@exаmple.com",
      "a@x",
      '"a@evil.test"@victim.test',
      "a@evil.test,b@victim.test",
      "Name <a@x.test>",
      "a@x.test\r\nBcc: b@x.test",
      "a\u200b@x.test",
      "",
      `${"a".repeat(65)}@x.test`,
    ]) {
      const res = await sendLogin(t.app, { identifier });
      expect(res.status, `${JSON.stringify(identifier)}: ${res.text}`).toBe(400);
    }
    expect(await countUsers(t.app)).toBe(before);
  });

  it("answers 4xx, never 500, to missing and mistyped fields and huge bodies", async () => {
    const before = await countUsers(t.app);
    expectError(await sendLogin(t.app, {}), 400, "bad_request");
    expectError(await sendLogin(t.app, { identifier: ["a@x.test", "b@x.test"] }), 400, "bad_request");
    expectError(await sendLogin(t.app, { identifier: 42 }), 400, "bad_request");
    expectError(await sendLogin(t.app, { identifier: newEmail(), webauthn_enabled: "maybe" }), 400, "bad_request");
    expectError(await sendLogin(t.app, '{"identifier":', { headers: { "content-type": "application/json" } }), 400, "invalid_json");
    expectError(await sendLogin(t.app, { identifier: `${"a".repeat(100_000)}@x.test` }), 413, "payload_too_large");
    expect((await sendLogin(t.app, { identifier: "a\u0000@x.test" })).status).toBe(400);
    expect(await countUsers(t.app)).toBe(before);
  });

  it("accepts form-encoded bodies", async () => {
    const email = newEmail();
    const form = new URLSearchParams({ identifier: email, webauthn_enabled: "true" });
    const res = await sendLogin(t.app, form);
    expectStatus(res, 200);
    expect(decodeJwt((await latestLink(t.app, email)).token).webauthnEnabled).toBe(true);
  });

  it("refuses unknown emails with 403 public_signup_disabled when sign-up is closed, but still serves known users", async () => {
    const known = newEmail();
    await loginLink(t.app, known);
    await setApp(t.app, { publicSignup: false });
    try {
      const before = await countUsers(t.app);
      expectError(await sendLogin(t.app, { identifier: newEmail() }), 403, "public_signup_disabled");
      expect(await countUsers(t.app)).toBe(before);
      expectStatus(await sendLogin(t.app, { identifier: known }), 200);
    } finally {
      await setApp(t.app, { publicSignup: true });
    }
  });

  it("refuses inactive users with 403 user_inactive and sends nothing", async () => {
    const email = newEmail();
    await loginLink(t.app, email);
    const user = await userByEmail(t.app, email);
    const { getDb } = await import("@/db/client");
    const { appUsers } = await import("@/db/schema");
    const { eq } = await import("drizzle-orm");
    await (await getDb()).update(appUsers).set({ status: "inactive" }).where(eq(appUsers.id, user?.id ?? ""));
    const before = (await latestMessage(t.app, email)).id;
    expectError(await sendLogin(t.app, { identifier: email }), 403, "user_inactive");
    expect((await latestMessage(t.app, email)).id).toBe(before);
  });

  it("answers 404 app_not_found for unknown apps", async () => {
    const { call } = await import("@/test/harness");
    const { POST } = await import("./route");
    const res = await call(POST, "POST", "/v1/auth/app_AAAAAAAAAAAAAAAAAAAA/magic_links/login", {
      params: { app_id: "app_AAAAAAAAAAAAAAAAAAAA" },
      body: { identifier: newEmail() },
    });
    expectError(res, 404, "app_not_found");
  });
});

describe("rate limits", () => {
  it("allows 5 sends per email per 10 minutes (any case), then 429 with Retry-After", async () => {
    const email = newEmail();
    for (let i = 0; i < 5; i++) {
      const res = await sendLogin(t.app, { identifier: i % 2 ? email.toUpperCase() : email });
      expectStatus(res, 200);
      expect(res.headers.get("x-ratelimit-limit")).toBe("5");
      expect(res.headers.get("x-ratelimit-remaining")).toBe(String(4 - i));
    }
    const res = await sendLogin(t.app, { identifier: email });
    expectError(res, 429, "rate_limited");
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(res.headers.get("x-ratelimit-reset")).toMatch(/^\d+$/);
  });

  describe("per IP", () => {
    beforeAll(() => markTesseraServer());
    afterAll(() => {
      delete (globalThis as Record<symbol, unknown>)[Symbol.for("tessera.server")];
    });

    it("allows 30 sends per IP per 10 minutes", async () => {
      const headers = { [PEER_HEADER]: "198.51.100.77" };
      for (let i = 0; i < 30; i++) expectStatus(await sendLogin(t.app, { identifier: newEmail() }, { headers }), 200);
      const res = await sendLogin(t.app, { identifier: newEmail() }, { headers });
      expectError(res, 429, "rate_limited");
      expect(res.headers.get("x-ratelimit-limit")).toBe("30");
      expectStatus(await sendLogin(t.app, { identifier: newEmail() }, { headers: { [PEER_HEADER]: "198.51.100.78" } }), 200);
    });
  });
});
