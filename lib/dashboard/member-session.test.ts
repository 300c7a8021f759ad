import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { events, memberships } from "@/db/schema";
import { authenticateMember } from "@/lib/dashboard/authenticate-member";
import { memberFromAccessToken } from "@/lib/dashboard/member-session";
import { dashboardToken, freshEmail, memberIn } from "@/lib/dashboard/test-fixtures";
import { resetEnvForTests } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { bootstrapInstance } from "@/lib/instance/bootstrap";
import { patchSession } from "@/lib/sessions/test-fixtures";
import { createTenant, type Tenant } from "@/test/harness";

const ADMIN = "admin@example.com";
let defaultWorkspaceId: string;
let tenant: Tenant;

beforeAll(async () => {
  process.env.TESSERA_ADMIN_EMAIL = ADMIN;
  resetEnvForTests();
  const boot = await bootstrapInstance(await getDb());
  if (!boot) throw new Error("bootstrap did not run");
  defaultWorkspaceId = boot.workspaceId;
  tenant = await createTenant();
});
afterAll(() => {
  delete process.env.TESSERA_ADMIN_EMAIL;
  resetEnvForTests();
});

const codeOf = (e: unknown) => (isAppError(e) ? e.code : String(e));

describe("memberFromAccessToken", () => {
  it("refuses an unknown email with 403 workspace_access_denied, before any owner exists", async () => {
    const { token } = await dashboardToken(freshEmail("stranger"));
    expect(codeOf(await memberFromAccessToken(token, new Date()).catch((e: unknown) => e))).toBe("workspace_access_denied");
  });

  it("makes the admin email's first sign-in the owner of the default workspace, once", async () => {
    const { token } = await dashboardToken(ADMIN);
    const s = await memberFromAccessToken(token, new Date());
    expect(s.member.email).toBe(ADMIN);
    expect(s.memberships).toEqual([
      { workspaceId: defaultWorkspaceId, workspaceName: "Default workspace", workspaceSlug: "default", role: "owner" },
    ]);
    const again = await memberFromAccessToken(token, new Date());
    expect(again.memberships).toHaveLength(1);
    const db = await getDb();
    const claimed = await db.select().from(events).where(eq(events.slug, "membership.owner_claimed"));
    expect(claimed).toHaveLength(1);
    expect(claimed[0]).toMatchObject({ workspaceId: defaultWorkspaceId, actorType: "member", actorId: s.member.id });
  });

  it("gives other members only their own memberships, never the default workspace", async () => {
    const other = await memberIn(tenant.workspace.id, "owner");
    const s = await memberFromAccessToken(other.token, new Date());
    expect(s.memberships.map((m) => m.role)).toEqual(["owner"]);
    expect(s.memberships.some((m) => m.workspaceId === defaultWorkspaceId)).toBe(false);
  });

  it("activates pending invitations on sign-in and lists only active memberships", async () => {
    const invited = await memberIn(tenant.workspace.id, "admin", { status: "invited" });
    const s = await memberFromAccessToken(invited.token, new Date());
    expect(s.memberships).toEqual([
      { workspaceId: tenant.workspace.id, workspaceName: tenant.workspace.name, workspaceSlug: tenant.workspace.slug, role: "admin" },
    ]);
    const db = await getDb();
    const [row] = await db.select().from(memberships).where(eq(memberships.memberId, invited.memberId));
    expect(row?.status).toBe("active");
    const accepted = await db
      .select()
      .from(events)
      .where(and(eq(events.slug, "membership.accepted"), eq(events.actorId, invited.memberId)));
    expect(accepted).toHaveLength(1);
  });

  it("refuses a member whose memberships were all removed (403), and revoked sessions (401)", async () => {
    const m = await memberIn(tenant.workspace.id, "member");
    await memberFromAccessToken(m.token, new Date());
    const db = await getDb();
    await db.delete(memberships).where(eq(memberships.memberId, m.memberId));
    expect(codeOf(await memberFromAccessToken(m.token, new Date()).catch((e: unknown) => e))).toBe("workspace_access_denied");

    const n = await memberIn(tenant.workspace.id, "member");
    await patchSession(n.sessionId, { revokedAt: new Date() });
    expect(codeOf(await memberFromAccessToken(n.token, new Date()).catch((e: unknown) => e))).toBe("session_revoked");
  });

  it("refuses a token of another app (an end user is not a member)", async () => {
    const { signIn } = await import("@/lib/sessions/test-fixtures");
    const m = await memberIn(tenant.workspace.id, "member");
    const endUser = await signIn(tenant.app, { email: m.email });
    expect(codeOf(await memberFromAccessToken(endUser.payload.access, new Date()).catch((e: unknown) => e))).toBe("invalid_token");
  });
});

describe("authenticateMember", () => {
  const req = (headers: Record<string, string>) => new Request("http://localhost:3999/v1/notifications", { headers });

  it("turns X-Authorization (raw or Bearer) into a member actor", async () => {
    const m = await memberIn(tenant.workspace.id, "member");
    for (const value of [m.token, `Bearer ${m.token}`]) {
      const p = await authenticateMember(req({ "x-authorization": value }), new Date());
      expect(p).toMatchObject({ kind: "member", memberId: m.memberId, email: m.email });
      expect(p.actor).toEqual({ type: "member", memberId: m.memberId, sessionId: m.sessionId });
    }
  });

  it("answers 401 without a token", async () => {
    expect(codeOf(await authenticateMember(req({}), new Date()).catch((e: unknown) => e))).toBe("unauthorized");
  });
});
