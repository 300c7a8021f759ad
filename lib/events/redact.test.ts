import { describe, expect, it } from "vitest";
import { FILTERED, isSensitiveKey, looksSecret, redactEventParams } from "@/lib/events/redact";

describe("redactEventParams", () => {
  it("filters secret-named keys at any depth, in objects and arrays", () => {
    const out = redactEventParams({
      user_id: "0190e4c2-0000-7000-8000-000000000001",
      code: "123456",
      otp: 424242,
      nested: { token: "abc", deeper: [{ password: "hunter2", name: "kept" }, { refreshToken: "x" }] },
      api_key: "whatever",
      apiKey: "whatever",
      sct_magic: "eyJ",
      access: "a",
      refresh: "r",
      client_secret: "s",
      secret_config: { auth_token: "t" },
      headers: { Authorization: "Bearer x", Cookie: "c" },
      method: "email_otp",
    });
    expect(out).toEqual({
      user_id: "0190e4c2-0000-7000-8000-000000000001",
      code: FILTERED,
      otp: FILTERED,
      nested: { token: FILTERED, deeper: [{ password: FILTERED, name: "kept" }, { refreshToken: FILTERED }] },
      api_key: FILTERED,
      apiKey: FILTERED,
      sct_magic: FILTERED,
      access: FILTERED,
      refresh: FILTERED,
      client_secret: FILTERED,
      secret_config: FILTERED,
      headers: { Authorization: FILTERED, Cookie: FILTERED },
      method: "email_otp",
    });
  });

  it("keeps identifiers and plain facts", () => {
    const input = {
      api_key_id: "0190e4c2-0000-7000-8000-000000000002",
      session_id: "s",
      challenge_id: "c",
      credential_id: "cred",
      kid: "k_1",
      nickname: "prod",
      attempts: 2,
      test_identity: false,
      fields: ["name", "access_expiration"],
      expires_at: "2026-01-01T00:00:00.000Z",
      api_keys_revoked: 2,
      refresh_expires_at: "2026-01-01T00:00:00.000Z",
      access_expiration: 3600,
      token_type: "bearer",
      client_secret_set: true,
      refresh_token_reused: false,
      remaining_attempts: 2,
      secret: null,
    };
    expect(redactEventParams(input)).toEqual(input);
  });

  it("filters secret-looking values whatever their key", () => {
    const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJ1dWlkIjoiMSJ9.c2ln";
    const out = redactEventParams({
      note: "scapp_0123456789abcdefghijABCDEFGHIJ",
      short: "scm2m_0123456789abcdef",
      ws: "see scwor_0123456789abcdefghij here",
      header_value: `Bearer ${jwt}`,
      url: "https://app.test/?sct_magic=abc",
      list: ["fine", jwt],
      pem: "-----BEGIN PRIVATE KEY-----\nMII…",
      at: new Date("2026-01-01T00:00:00Z"),
      safe_url: "https://app.test/welcome",
    });
    expect(out).toEqual({
      note: FILTERED,
      short: FILTERED,
      ws: FILTERED,
      header_value: FILTERED,
      url: FILTERED,
      list: ["fine", FILTERED],
      pem: FILTERED,
      at: "2026-01-01T00:00:00.000Z",
      safe_url: "https://app.test/welcome",
    });
  });

  it("bounds depth, drops non-JSON values and tolerates missing input", () => {
    let deep: Record<string, unknown> = { leaf: "x" };
    for (let i = 0; i < 20; i++) deep = { d: deep };
    expect(JSON.stringify(redactEventParams(deep))).toContain(FILTERED);
    expect(redactEventParams({ f: () => 1, b: BigInt(1) })).toEqual({ f: null, b: null });
    expect(redactEventParams(undefined)).toEqual({});
    expect(redactEventParams(null)).toEqual({});
  });

  it("classifies keys and values", () => {
    for (const k of ["code", "otp", "token", "secret", "password", "api_key", "refresh", "access", "sct_magic", "authToken", "X-CSRF-Token"]) {
      expect(isSensitiveKey(k), k).toBe(true);
    }
    for (const k of ["user_id", "api_key_id", "kid", "method", "email", "slug", "provider"]) expect(isSensitiveKey(k), k).toBe(false);
    expect(looksSecret("hello world")).toBe(false);
    expect(looksSecret("scapp_abcdefghijkl")).toBe(true);
  });
});
