import { describe, expect, it } from "vitest";
import { signInFamily } from "@/lib/apps/tenant-mode";

describe("signInFamily", () => {
  it.each([
    ["/v1/auth/app_abc/magic_links/login", "magic_links"],
    ["/v1/auth/app_abc/magic_links/authenticate", "magic_links"],
    ["/v1/auth/app_abc/otps/login", "otps"],
    ["/v1/auth/app_abc/webauthn/login/initialize", "webauthn"],
    ["/v1/auth/app_abc/oauth/authorize", "oauth"],
    ["/v1/auth/app_abc/current_user", "current_user"],
    ["/v1/auth/app_abc/tokens/refresh", "tokens"],
    ["/v1/auth/app_abc/sessions", "sessions"],
    ["/v1/auth/0b7e4a52-6c47-4a8e-9b0e-3f3f3f3f3f3f/users", "users"],
  ])("%s is sign-in family %s", (path, family) => {
    expect(signInFamily(path)).toBe(family);
  });

  it.each([
    "/v1/auth/app_abc/jwks",
    "/v1/auth/app_abc/.well-known/jwks.json",
    "/v1/auth/app_abc/public_key",
    "/v1/auth/m2m/token",
    "/v1/auth/app_abc",
    "/v1/auth/app_abc/",
    "/v1/apps/app_abc",
    "/v1/verify/app_abc/verifications",
    "/v1/workspaces/w/sessions",
    "/v1/app_abc/users",
  ])("%s is not a sign-in route", (path) => {
    expect(signInFamily(path)).toBeNull();
  });
});
