/**
 * The dashboard's data layer against a real database: a member reaches only
 * their workspaces' apps and keys, plain members read but cannot change, and
 * every change goes through the domain verbs (events recorded, key secrets
 * shown once and working).
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { events, memberships } from "@/db/schema";
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { findLiveApp } from "@/lib/apps/find-app";
import { UpdateAppBody } from "@/lib/apps/schemas";
import { type Ctx, systemCtx } from "@/lib/context";
import type { SignedInMember } from "@/lib/dashboard-auth/current-member";
import { findOrCreateMember } from "@/lib/dashboard/members";
import { issueMemberKey, memberKeys, revokeMemberKey } from "@/lib/dashboard-ui/api-keys";
import { createMemberApp, deleteMemberApp, memberApp, updateMemberApp, workspaceApps } from "@/lib/dashboard-ui/apps";
import { createTenant, type Tenant } from "@/test/harness";

let a: Tenant;
let b: Tenant;
let owner: SignedInMember;
let reader: SignedInMember;
let outsider: SignedInMember;

async function signedIn(email: string, tenant: Tenant, role: "owner" | "admin" | "member"): Promise<SignedInMember> {
  const db = await getDb();
  const member = await findOrCreateMember(db, systemCtx("test"), { email, name: null });
  await db.insert(memberships).values({ workspaceId: tenant.workspace.id, memberId: member.id, role, status: "active" });
  return {
    member: { id: member.id, email: member.email, name: null },
    memberships: [{ workspaceId: tenant.workspace.id, workspaceName: tenant.workspace.name, workspaceSlug: tenant.workspace.slug, role }],
    actor: { type: "member", memberId: member.id, sessionId: "00000000-0000-7000-8000-000000000000" },
  };
}

function ctxOf(m: SignedInMember): Ctx {
  return { requestId: "test", now: new Date(), ip: null, userAgent: null, actor: m.actor };
}

beforeAll(async () => {
  a = await createTenant({ name: "Alpha" });
  b = await createTenant({ name: "Beta" });
  owner = await signedIn("owner@alpha.test", a, "owner");
  reader = await signedIn("reader@alpha.test", a, "member");
  outsider = await signedIn("owner@beta.test", b, "owner");
});

describe("apps", () => {
  it("lists only the member's workspace's apps, and 404s other workspaces' apps", async () => {
    const apps = await workspaceApps(ctxOf(owner), owner, a.workspace.id);
    expect(apps.map((x) => x.id)).toEqual([a.app.publicId]);
    await expect(workspaceApps(ctxOf(outsider), outsider, a.workspace.id)).rejects.toMatchObject({ code: "workspace_not_found" });
    await expect(memberApp(outsider, a.app.publicId)).rejects.toMatchObject({ code: "app_not_found" });
    await expect(memberApp(owner, "app_doesnotexist")).rejects.toMatchObject({ code: "app_not_found" });
    expect((await memberApp(reader, a.app.publicId)).membership.role).toBe("member");
  });

  it("owners create, update and delete apps; plain members cannot", async () => {
    await expect(
      createMemberApp(ctxOf(reader), reader, { workspaceId: a.workspace.id, settings: { name: "Nope", origin: "https://nope.test" } }),
    ).rejects.toMatchObject({ code: "forbidden" });

    const app = await createMemberApp(ctxOf(owner), owner, { workspaceId: a.workspace.id, settings: { name: "Notes", origin: "https://notes.test" } });
    expect(app.workspaceId).toBe(a.workspace.id);

    const settings = UpdateAppBody.parse({ logo: "https://notes.test/logo.png", colors: ["#112233"], passkeys_enabled: "false" });
    await expect(updateMemberApp(ctxOf(reader), reader, app.publicId, settings)).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateMemberApp(ctxOf(outsider), outsider, app.publicId, settings)).rejects.toMatchObject({ code: "app_not_found" });
    await updateMemberApp(ctxOf(owner), owner, app.publicId, settings);
    const updated = await findLiveApp(app.id);
    expect(updated).toMatchObject({ logo: "https://notes.test/logo.png", colors: ["#112233"], passkeysEnabled: false });

    // The verb's own URL rule still applies (callback off the app's origins).
    await expect(
      updateMemberApp(ctxOf(owner), owner, app.publicId, UpdateAppBody.parse({ callback_url: "https://evil.test/cb" })),
    ).rejects.toMatchObject({ code: "validation_failed", errors: { callback_url: expect.any(Array) } });

    const [event] = await (await getDb())
      .select()
      .from(events)
      .where(and(eq(events.appId, app.id), eq(events.slug, "app.updated")));
    expect(event?.actorId).toBe(`member:${owner.member.id}`);

    await expect(deleteMemberApp(ctxOf(reader), reader, app.publicId)).rejects.toMatchObject({ code: "forbidden" });
    await deleteMemberApp(ctxOf(owner), owner, app.publicId);
    expect(await findLiveApp(app.id)).toBeNull();
  });
});

describe("API keys", () => {
  it("workspace keys: created once-visible and working, listed with preview, revoked for good", async () => {
    const scope = { workspaceId: a.workspace.id };
    const created = await issueMemberKey(ctxOf(owner), owner, scope, "CI");
    expect(created.token.startsWith("scwor_")).toBe(true);
    expect((await authenticateApiKey(created.token, new Date())).workspaceId).toBe(a.workspace.id);

    const listed = await memberKeys(ctxOf(owner), owner, scope);
    const row = listed.find((k) => k.id === created.id);
    expect(row).toMatchObject({ nickname: "CI", token_preview: created.token_preview });
    expect(JSON.stringify(listed)).not.toContain(created.token);

    await revokeMemberKey(ctxOf(owner), owner, scope, created.id);
    await expect(authenticateApiKey(created.token, new Date())).rejects.toMatchObject({ code: "invalid_api_key" });
    expect((await memberKeys(ctxOf(owner), owner, scope)).some((k) => k.id === created.id)).toBe(false);
  });

  it("app keys of the member's app; plain members and outsiders are refused", async () => {
    const scope = { appId: a.app.publicId };
    const created = await issueMemberKey(ctxOf(owner), owner, scope, "Backend");
    const actor = await authenticateApiKey(created.token, new Date());
    expect(actor).toMatchObject({ keyKind: "app", appId: a.app.id });

    await expect(memberKeys(ctxOf(reader), reader, scope)).rejects.toMatchObject({ code: "forbidden" });
    await expect(issueMemberKey(ctxOf(reader), reader, { workspaceId: a.workspace.id }, "x")).rejects.toMatchObject({ code: "forbidden" });
    await expect(memberKeys(ctxOf(outsider), outsider, scope)).rejects.toMatchObject({ code: "app_not_found" });
    await expect(revokeMemberKey(ctxOf(outsider), outsider, { workspaceId: a.workspace.id }, created.id)).rejects.toMatchObject({
      code: "workspace_not_found",
    });
    // A key id of another scope is simply not found there.
    await expect(revokeMemberKey(ctxOf(outsider), outsider, { appId: b.app.publicId }, created.id)).rejects.toMatchObject({
      code: "api_key_not_found",
    });

    await revokeMemberKey(ctxOf(owner), owner, scope, created.id);
    await expect(authenticateApiKey(created.token, new Date())).rejects.toMatchObject({ code: "invalid_api_key" });
  });
});
