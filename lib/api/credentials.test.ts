import { beforeAll, describe, expect, it } from "vitest";
import {
  bearerToken,
  m2mTokenOf,
  requireM2mToken,
  requireSecret,
  requireWorkspaceSecret,
  xAuthorizationToken,
  xRefreshToken,
} from "@/lib/api/credentials";
import { AppError } from "@/lib/errors";
import { createTenant, type Tenant } from "@/test/harness";

function req(headers: [string, string][]): Request {
  const h = new Headers();
  for (const [k, v] of headers) h.append(k, v);
  return new Request("http://localhost:3999/v1/apps", { headers: h });
}

function failure(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("accepted");
}

async function asyncFailure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("accepted");
}

describe("bearerToken", () => {
  it("reads `Bearer <token>` with the scheme in any case", () => {
    expect(bearerToken(req([["authorization", "Bearer scapp_abc123"]]))).toBe("scapp_abc123");
    expect(bearerToken(req([["authorization", "bearer scapp_abc123"]]))).toBe("scapp_abc123");
    expect(bearerToken(req([["authorization", "BEARER a.b-c_d~e+f/g="]]))).toBe("a.b-c_d~e+f/g=");
  });

  it("returns null when there is no Authorization header", () => {
    expect(bearerToken(req([]))).toBeNull();
  });

  it("answers 401 unauthorized for every malformed header", () => {
    const cases: [string, [string, string][]][] = [
      ["two spaces", [["authorization", "Bearer  scapp_abc"]]],
      ["tab", [["authorization", "Bearer\tscapp_abc"]]],
      ["Basic", [["authorization", "Basic dXNlcjpwYXNz"]]],
      ["no token", [["authorization", "Bearer"]]],
      ["only a space", [["authorization", "Bearer "]]],
      ["trailing junk", [["authorization", "Bearer scapp_abc extra"]]],
      ["no scheme", [["authorization", "scapp_abc"]]],
      ["bad characters", [["authorization", "Bearer scapp_abc;drop"]]],
      ["comma-joined", [["authorization", "Bearer scapp_a, Bearer scapp_b"]]],
      [
        "two headers",
        [
          ["authorization", "Bearer scapp_a"],
          ["authorization", "Bearer scapp_b"],
        ],
      ],
    ];
    for (const [label, headers] of cases) {
      const e = failure(() => bearerToken(req(headers)));
      expect(e.status, label).toBe(401);
      expect(e.code, label).toBe("unauthorized");
    }
  });
});

describe("xAuthorizationToken", () => {
  const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln";

  it("accepts the raw token (SDK) and an optional case-insensitive Bearer prefix (docs)", () => {
    expect(xAuthorizationToken(req([["x-authorization", jwt]]))).toBe(jwt);
    expect(xAuthorizationToken(req([["x-authorization", `Bearer ${jwt}`]]))).toBe(jwt);
    expect(xAuthorizationToken(req([["x-authorization", `bearer ${jwt}`]]))).toBe(jwt);
    expect(xAuthorizationToken(req([]))).toBeNull();
  });

  it("answers 401 invalid_token for malformed values", () => {
    for (const value of [`Bearer  ${jwt}`, `${jwt} extra`, `Bearer ${jwt}, Bearer ${jwt}`, "a;b"]) {
      const e = failure(() => xAuthorizationToken(req([["x-authorization", value]])));
      expect(e.status, value).toBe(401);
      expect(e.code, value).toBe("invalid_token");
    }
  });
});

describe("requireSecret / requireWorkspaceSecret", () => {
  let t: Tenant;
  const now = new Date();
  beforeAll(async () => {
    t = await createTenant();
  });

  it("resolve app and workspace keys to their actor", async () => {
    const app = await requireSecret(req([["authorization", `Bearer ${t.appKey}`]]), now);
    expect(app).toMatchObject({ type: "apiKey", keyKind: "app", workspaceId: t.workspace.id, appId: t.app.id });
    const ws = await requireWorkspaceSecret(req([["authorization", `Bearer ${t.workspaceKey}`]]), now);
    expect(ws).toMatchObject({ type: "apiKey", keyKind: "workspace", workspaceId: t.workspace.id, appId: null });
  });

  it("answer 401 when the key is missing, unknown or not a key at all", async () => {
    expect(await asyncFailure(requireSecret(req([]), now))).toMatchObject({ status: 401, code: "api_key_required" });
    expect(await asyncFailure(requireWorkspaceSecret(req([]), now))).toMatchObject({
      status: 401,
      code: "workspace_api_key_required",
    });
    for (const token of [`${t.appKey}x`, "scapp_unknownunknownunknownunknown", "scm2m_abc", "eyJa.eyJb.c"]) {
      const e = await asyncFailure(requireSecret(req([["authorization", `Bearer ${token}`]]), now));
      expect(e, token).toMatchObject({ status: 401, code: "invalid_api_key" });
    }
    const malformed = await asyncFailure(requireSecret(req([["authorization", `Basic ${t.appKey}`]]), now));
    expect(malformed).toMatchObject({ status: 401, code: "unauthorized" });
  });

  it("refuses an app key where a workspace key is needed with 403", async () => {
    const e = await asyncFailure(requireWorkspaceSecret(req([["authorization", `Bearer ${t.appKey}`]]), now));
    expect(e).toMatchObject({ status: 403, code: "forbidden" });
  });
});

describe("m2mTokenOf / requireM2mToken / xRefreshToken", () => {
  const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJ0dCI6Im0ybSJ9.c2ln";
  it("reads X-Authorization first, raw or Bearer, then an M2M-shaped Authorization bearer", () => {
    expect(m2mTokenOf(req([["x-authorization", jwt]]))).toBe(jwt);
    expect(m2mTokenOf(req([["x-authorization", "Bearer scm2m_abc"]]))).toBe("scm2m_abc");
    expect(m2mTokenOf(req([["authorization", `Bearer ${jwt}`]]))).toBe(jwt);
    expect(m2mTokenOf(req([["authorization", "Bearer scm2m_abc"]]))).toBe("scm2m_abc");
    expect(m2mTokenOf(req([["authorization", "Bearer scapp_x"], ["x-authorization", "scm2m_mine"]]))).toBe("scm2m_mine");
  });
  it("never takes an API secret in Authorization for an M2M token", () => {
    expect(m2mTokenOf(req([["authorization", "Bearer scapp_abcdefabcdefabcdef"]]))).toBeNull();
    expect(m2mTokenOf(req([["authorization", "Bearer scwor_abcdefabcdefabcdef"]]))).toBeNull();
    expect(m2mTokenOf(req([]))).toBeNull();
    expect(failure(() => requireM2mToken(req([["authorization", "Bearer scapp_abcdefabcdefabcdef"]]))).code).toBe("unauthorized");
    expect(failure(() => requireM2mToken(req([["x-authorization", "bad token"]]))).code).toBe("invalid_token");
  });
  it("xRefreshToken reads only X-Refresh-Token", () => {
    expect(xRefreshToken(req([["x-refresh-token", jwt]]))).toBe(jwt);
    expect(xRefreshToken(req([["x-refresh-token", `Bearer ${jwt}`]]))).toBe(jwt);
    expect(xRefreshToken(req([["authorization", `Bearer ${jwt}`]]))).toBeNull();
    expect(failure(() => xRefreshToken(req([["x-refresh-token", "a b"]]))).code).toBe("invalid_token");
  });
});
