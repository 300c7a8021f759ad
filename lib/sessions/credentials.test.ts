/** The user-token and refresh-token readers of lib/api/credentials.ts (spec §1.3, C3, C5). */
import { describe, expect, it } from "vitest";
import { refreshTokenOf, requireRefreshToken, requireUserToken } from "@/lib/api/credentials";

const JWT = "eyJhbGciOiJSUzI1NiJ9.eyJ0dCI6InJlZnJlc2gifQ.c2ln";
const req = (headers: Record<string, string>) => new Request("http://localhost:3999/v1/auth/x/tokens/refresh", { method: "POST", headers });

describe("refreshTokenOf", () => {
  it("reads X-Refresh-Token raw or Bearer-prefixed", () => {
    expect(refreshTokenOf(req({ "x-refresh-token": JWT }))).toBe(JWT);
    expect(refreshTokenOf(req({ "x-refresh-token": `Bearer ${JWT}` }))).toBe(JWT);
  });

  it("prefers X-Refresh-Token over Authorization, and never takes an API secret", () => {
    expect(refreshTokenOf(req({ "x-refresh-token": JWT, authorization: "Bearer scapp_abc" }))).toBe(JWT);
    expect(refreshTokenOf(req({ "x-refresh-token": JWT, authorization: "Bearer other.jwt.value" }))).toBe(JWT);
    expect(refreshTokenOf(req({ authorization: "Bearer scapp_abcdef" }))).toBeNull();
    expect(refreshTokenOf(req({ authorization: "Bearer scwor_abcdef" }))).toBeNull();
    expect(refreshTokenOf(req({ authorization: "Bearer scm2m_abcdef" }))).toBeNull();
  });

  it("falls back to Authorization: Bearer <JWT> only when it has three segments", () => {
    expect(refreshTokenOf(req({ authorization: `Bearer ${JWT}` }))).toBe(JWT);
    expect(refreshTokenOf(req({ authorization: `bearer ${JWT}` }))).toBe(JWT);
    expect(refreshTokenOf(req({ authorization: "Bearer a.b" }))).toBeNull();
    expect(refreshTokenOf(req({ authorization: "Basic dXNlcjpwYXNz" }))).toBeNull();
    expect(refreshTokenOf(req({ authorization: `Bearer  ${JWT}` }))).toBeNull();
    expect(refreshTokenOf(req({}))).toBeNull();
  });

  it("answers 401 invalid_token for an empty or malformed X-Refresh-Token", () => {
    for (const bad of ["", "Bearer ", "a b", "tok;en"]) {
      expect(() => refreshTokenOf(req({ "x-refresh-token": bad }))).toThrow(expect.objectContaining({ code: "invalid_token", status: 401 }));
    }
  });
});

describe("requireUserToken / requireRefreshToken", () => {
  it("answer 401 unauthorized when the credential is absent", () => {
    expect(() => requireUserToken(req({ authorization: `Bearer ${JWT}` }))).toThrow(expect.objectContaining({ code: "unauthorized" }));
    expect(() => requireRefreshToken(req({ authorization: "Bearer scapp_x" }))).toThrow(expect.objectContaining({ code: "unauthorized" }));
  });
  it("return the token when present", () => {
    expect(requireUserToken(req({ "x-authorization": JWT }))).toBe(JWT);
    expect(requireUserToken(req({ "x-authorization": `Bearer ${JWT}` }))).toBe(JWT);
    expect(requireRefreshToken(req({ "x-refresh-token": JWT }))).toBe(JWT);
  });
});
