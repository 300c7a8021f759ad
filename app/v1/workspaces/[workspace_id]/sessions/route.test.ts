import { and, eq } from "drizzle-orm";
import { decodeJwt } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { appUsers, events, sessions } from "@/db/schema";
import { createApp } from "@/lib/apps/create-app";
import type { AppRow } from "@/lib/apps/find-app";
import { systemCtx } from "@/lib/context";
import { authenticateAccessToken } from "@/lib/sessions/authenticate-session";
import { patchApp, patchSession, pastTokens, setUserStatus, signIn } from "@/lib/sessions/test-fixtures";
import { unverifiedAppId } from "@/lib/workspace-sessions/authenticate-source";
import { call, type CallOptions, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { OPTIONS, POST } from "./route";

let w: Tenant;
let target: AppRow;
let other: Tenant;
let child: Tenant;

beforeAll(async () => {
  w = await createTenant({ name: "SSO workspace" });
  other = await createTenant({ name: "SSO stranger" });
  child = await createTenant({ name: "SSO child", parentWorkspaceId: w.workspace.id });
  ({ app: target } = await createApp({
    ctx: systemCtx("test"),
    input: { workspaceId: w.workspace.id, settings: { name: "Target app", origin: "https://target.test" } },
  }));
});

function exchange(token: string | null, appId: string, opts: CallOptions & { workspace?: string } = {}) {
  const ws = opts.workspace ?? w.workspace.id;
  return call(POST, "POST", `/v1/workspaces/${ws}/sessions`, {
    secret: w.workspaceKey,
    ...opts,
    headers: { ...(token ? { "x-authorization": token } : {}), ...opts.headers },
    body: { app_id: appId },
    params: { workspace_id: ws },
  });
}

describe("POST /v1/workspaces/{workspace_id}/sessions", () => {
  it("signs the source user in to the target app: same base user, misc session, target aid", async () => {
    const source = await signIn(w.app, { email: "sso@example.com" });
    const res = await exchange(source.payload.access, target.publicId);
    expectStatus(res, 200);
    expect(res.body).toMatchObject({
      access: expect.any(String),
      refresh: expect.any(String),
      csrf: expect.any(String),
      access_expires_at: expect.any(String),
      key_id: expect.any(String),
    });
    const claims = decodeJwt(res.body.access);
    expect(claims.aid).toBe(target.publicId);
    expect(claims.aud).toBe(target.publicId);
    expect(claims.uuid).toBe(res.body.user_id);

    // The tokens work on the target app.
    const principal = await authenticateAccessToken(target.publicId, res.body.access, { now: new Date() });
    expect(principal.session.type).toBe("misc");
    expect(principal.user).toMatchObject({
      appId: target.id,
      baseUserId: source.user.baseUserId,
      email: "sso@example.com",
      status: "active",
    });
    expect(principal.user.id).not.toBe(source.user.id);

    const db = await getDb();
    const slugs = (await db.select().from(events).where(eq(events.appUserId, principal.user.id))).map((e) => e.slug);
    expect(slugs).toEqual(expect.arrayContaining(["user.created", "user.login", "session.created"]));
    const [created] = await db
      .select()
      .from(events)
      .where(and(eq(events.slug, "session.created"), eq(events.appUserId, principal.user.id)));
    expect(created?.params).toMatchObject({ source_app_id: w.app.publicId, via: "workspace_session", session_type: "misc" });
    expect(JSON.stringify(created?.params)).not.toContain(source.payload.access);

    // A second exchange reuses the same target user.
    const again = await exchange(`Bearer ${source.payload.access}`, target.id);
    expectStatus(again, 200);
    expect(again.body.user_id).toBe(principal.user.id);
    const users = await db.select().from(appUsers).where(and(eq(appUsers.appId, target.id), eq(appUsers.baseUserId, source.user.baseUserId)));
    expect(users).toHaveLength(1);
  });

  it("uses an existing target user of the same base user", async () => {
    const existing = await signIn(target, { email: "both@example.com" });
    const source = await signIn(w.app, { email: "both@example.com" });
    expect(source.user.baseUserId).toBe(existing.user.baseUserId);
    const res = await exchange(source.payload.access, target.publicId);
    expectStatus(res, 200);
    expect(res.body.user_id).toBe(existing.user.id);
  });

  it("401 workspace_api_key_required without a workspace key; 403 for an app key", async () => {
    const source = await signIn(w.app);
    const res = await call(POST, "POST", `/v1/workspaces/${w.workspace.id}/sessions`, {
      headers: { "x-authorization": source.payload.access },
      body: { app_id: target.publicId },
      params: { workspace_id: w.workspace.id },
    });
    expectError(res, 401, "workspace_api_key_required");
    expectError(await exchange(source.payload.access, target.publicId, { secret: w.appKey }), 403, "forbidden");
  });

  it("403 workspace_access_denied for a source token of another workspace's app (genuine token)", async () => {
    const stranger = await signIn(other.app);
    expectError(await exchange(stranger.payload.access, target.publicId), 403, "workspace_access_denied");
  });

  it("403 workspace_access_denied for a child-workspace source token used in the parent's workspace", async () => {
    const childUser = await signIn(child.app);
    expectError(await exchange(childUser.payload.access, target.publicId), 403, "workspace_access_denied");
  });

  it("404 app_not_in_workspace for a target in another workspace, a child workspace, unknown or deleted", async () => {
    const source = await signIn(w.app);
    const { app: doomed } = await createApp({
      ctx: systemCtx("test"),
      input: { workspaceId: w.workspace.id, settings: { name: "Doomed", origin: "https://doomed.test" } },
    });
    await patchApp(doomed.id, { deletedAt: new Date() });
    for (const appId of [other.app.publicId, child.app.publicId, "app_00000000000000000000", "nope", doomed.publicId]) {
      expectError(await exchange(source.payload.access, appId), 404, "app_not_in_workspace");
    }
    // No session was created in the other tenant's app.
    const db = await getDb();
    const rows = await db.select().from(sessions).where(eq(sessions.appId, other.app.id));
    expect(rows.every((s) => s.type !== "misc")).toBe(true);
  });

  it("404 workspace_not_found when the path names a workspace the key does not reach", async () => {
    const source = await signIn(w.app);
    expectError(await exchange(source.payload.access, target.publicId, { workspace: other.workspace.id }), 404, "workspace_not_found");
  });

  it("401 for a revoked source session, and no session is created", async () => {
    const source = await signIn(w.app, { email: "revoked@example.com" });
    await patchSession(source.session.id, { revokedAt: new Date() });
    expectError(await exchange(source.payload.access, target.publicId), 401, "session_revoked");
    const db = await getDb();
    const users = await db.select().from(appUsers).where(and(eq(appUsers.appId, target.id), eq(appUsers.baseUserId, source.user.baseUserId)));
    expect(users).toHaveLength(0);
  });

  it("401 for a missing, malformed, forged or expired source token", async () => {
    const source = await signIn(w.app);
    expectError(await exchange(null, target.publicId), 401, "unauthorized");
    expectError(await exchange("not-a-jwt", target.publicId), 401, "invalid_token");
    // Signed by another app's key but claiming this workspace's app.
    const stranger = await signIn(other.app);
    const [h, , s] = stranger.payload.access.split(".");
    const forgedPayload = Buffer.from(JSON.stringify({ ...decodeJwt(stranger.payload.access), aid: w.app.publicId, aud: w.app.publicId })).toString("base64url");
    expectError(await exchange(`${h}.${forgedPayload}.${s}`, target.publicId), 401, "invalid_token");
    const old = await pastTokens(w.app, source, 7200);
    expectError(await exchange(old.access, target.publicId), 401, "token_expired");
    // A refresh token is not an access token.
    expectError(await exchange(source.refresh, target.publicId), 401, "invalid_token");
  });

  it("403 user_inactive when the target user is deactivated; no session created", async () => {
    const existing = await signIn(target, { email: "off@example.com" });
    await setUserStatus(existing.user.id, "inactive");
    const source = await signIn(w.app, { email: "off@example.com" });
    expectError(await exchange(source.payload.access, target.publicId), 403, "user_inactive");
    const db = await getDb();
    const rows = await db.select().from(sessions).where(eq(sessions.appUserId, existing.user.id));
    expect(rows.filter((s) => s.type === "misc")).toHaveLength(0);
  });

  it("403 tenant_mode_verify_only for a verify-only target app", async () => {
    const { app: verifyOnly } = await createApp({
      ctx: systemCtx("test"),
      input: { workspaceId: w.workspace.id, settings: { name: "Verify only", origin: "https://vo.test", tenant_mode: "verify_only" } },
    });
    const source = await signIn(w.app);
    expectError(await exchange(source.payload.access, verifyOnly.publicId), 403, "tenant_mode_verify_only");
  });

  it("a parent key may exchange inside its child workspace (path = child)", async () => {
    const { app: second } = await createApp({
      ctx: systemCtx("test"),
      input: { workspaceId: child.workspace.id, settings: { name: "Child second", origin: "https://c2.test" } },
    });
    const source = await signIn(child.app);
    const res = await exchange(source.payload.access, second.publicId, { workspace: child.workspace.id });
    expectStatus(res, 200);
    expect(decodeJwt(res.body.access).aid).toBe(second.publicId);
    // The child's own key never reaches its parent: the parent's workspace is 404, a parent user's token 403.
    expectError(
      await exchange(source.payload.access, target.publicId, { workspace: w.workspace.id, secret: child.workspaceKey }),
      404,
      "workspace_not_found",
    );
    const parentUser = await signIn(w.app);
    expectError(
      await exchange(parentUser.payload.access, second.publicId, { workspace: child.workspace.id, secret: child.workspaceKey }),
      403,
      "workspace_access_denied",
    );
  });

  it("unverifiedAppId reads aid without trusting it", () => {
    expect(unverifiedAppId("garbage")).toBeNull();
    const payload = Buffer.from(JSON.stringify({ aid: "app_x" })).toString("base64url");
    expect(unverifiedAppId(`e30.${payload}.sig`)).toBe("app_x");
    expect(unverifiedAppId(`e30.${Buffer.from("{}").toString("base64url")}.sig`)).toBeNull();
  });

  it("answers preflight", async () => {
    const res = await OPTIONS(new Request(`http://localhost:3999/v1/workspaces/${w.workspace.id}/sessions`, { method: "OPTIONS" }));
    expect(res.status).toBe(204);
  });
});
