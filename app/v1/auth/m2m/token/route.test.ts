import { eq } from "drizzle-orm";
import { decodeJwt } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { apiKeys, m2mSessions } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { systemCtx } from "@/lib/context";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { GET as verifyRoute } from "@/app/v1/apps/[app_id]/m2m/verify/route";
import { POST } from "./route";

let t: Tenant;
beforeAll(async () => {
  t = await createTenant();
});

const legacy = (body: unknown, headers: Record<string, string> = {}) => call(POST, "POST", "/v1/auth/m2m/token", { body, headers });
const verify = (token: string) =>
  call(verifyRoute, "GET", `/v1/apps/${t.app.publicId}/m2m/verify`, { params: { app_id: t.app.publicId }, headers: { "x-authorization": token } });

describe("POST /v1/auth/m2m/token (legacy)", () => {
  it("the app key in the body names the app; answers the M2M payload plus access_token", async () => {
    const res = await legacy({ api_key: t.appKey, client_name: "verifier" });
    expectStatus(res, 200);
    expect(res.body.access_token).toBe(res.body.access);
    expect(res.body).toMatchObject({ client_name: "verifier", short_token: expect.stringMatching(/^scm2m_/) });
    const claims = decodeJwt(res.body.access);
    expect(claims).toMatchObject({ aid: t.app.publicId, tt: "m2m", m2m: true });
    const [row] = await (await getDb()).select().from(m2mSessions).where(eq(m2mSessions.id, String(claims.uid)));
    expect(row?.appId).toBe(t.app.id);
    expectStatus(await verify(res.body.access), 200);
    expectStatus(await verify(res.body.short_token), 200);
  });

  it("also takes the key from Authorization, and a form body", async () => {
    expectStatus(await legacy(undefined, { authorization: `Bearer ${t.appKey}` }), 200);
    expectStatus(await legacy(new URLSearchParams({ api_key: t.appKey })), 200);
  });

  it("refuses a missing, unknown, revoked or workspace key", async () => {
    expectError(await legacy({}), 401, "api_key_required");
    expectError(await legacy({ api_key: "scapp_unknownunknownunknownunknown00" }), 401, "invalid_api_key");
    expectError(await legacy({ api_key: "not-a-key" }), 401, "invalid_api_key");
    const { row, token } = await createApiKey({ ctx: systemCtx(), input: { kind: "app", workspaceId: t.workspace.id, appId: t.app.id, nickname: "r" } });
    await (await getDb()).update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, row.id));
    expectError(await legacy({ api_key: token }), 401, "invalid_api_key");
    const ws = await legacy({ api_key: t.workspaceKey });
    expectError(ws, 403, "forbidden");
    expect(ws.body.access).toBeUndefined();
  });
});
