import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { appUsers, events, outboxMessages } from "@/db/schema";
import { getDashboardApp } from "@/lib/dashboard/dashboard-app";
import { memberFromAccessToken } from "@/lib/dashboard/member-session";
import { asMember, dashboardToken, freshEmail, memberByEmail, memberIn, type TestMember } from "@/lib/dashboard/test-fixtures";
import { call, type CallOptions, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { GET, POST } from "./route";

let acme: Tenant;
let other: Tenant;
let owner: TestMember;
let admin: TestMember;
let plain: TestMember;
let outsider: TestMember;

beforeAll(async () => {
  acme = await createTenant({ name: "Acme" });
  other = await createTenant({ name: "Other" });
  owner = await memberIn(acme.workspace.id, "owner", { name: "Olive Owner" });
  admin = await memberIn(acme.workspace.id, "admin");
  plain = await memberIn(acme.workspace.id, "member");
  outsider = await memberIn(other.workspace.id, "owner");
});

const list = (opts: CallOptions, workspaceId = acme.workspace.id) =>
  call(GET, "GET", `/v1/workspaces/${workspaceId}/memberships`, { ...opts, params: { workspace_id: workspaceId } });
const invite = (opts: CallOptions, body: unknown, workspaceId = acme.workspace.id) =>
  call(POST, "POST", `/v1/workspaces/${workspaceId}/memberships`, { ...opts, body, params: { workspace_id: workspaceId } });

describe("GET /v1/workspaces/{id}/memberships", () => {
  it("lists memberships (oldest first, membership objects) to any member and to the workspace key", async () => {
    for (const opts of [asMember(plain), { secret: acme.workspaceKey }]) {
      const res = await list(opts);
      expectStatus(res, 200);
      expect(res.body.memberships.map((m: { user: { email: string } }) => m.user.email)).toEqual([owner.email, admin.email, plain.email]);
    }
    const res = await list(asMember(plain));
    expect(res.body.memberships[0]).toEqual({
      id: owner.membershipId,
      workspace_id: acme.workspace.id,
      role: "owner",
      status: "active",
      user: { id: owner.memberId, email: owner.email, name: "Olive Owner" },
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
  });

  it("answers 404 to outsiders and other workspaces' keys, 401 without a credential", async () => {
    expectError(await list(asMember(outsider)), 404, "workspace_not_found");
    expectError(await list({ secret: other.workspaceKey }), 404, "workspace_not_found");
    expectError(await list({}), 401, "workspace_api_key_required");
    expectError(await list({ secret: acme.appKey }), 403, "forbidden");
  });
});

describe("POST /v1/workspaces/{id}/memberships", () => {
  it("invites a new person: member, invited membership, dashboard user and an email to the dashboard sign-in", async () => {
    const email = freshEmail("new");
    const res = await invite(asMember(admin), { email: email.toUpperCase(), role: "admin", name: "Nina New" });
    expectStatus(res, 200);
    expect(res.body.membership).toMatchObject({
      workspace_id: acme.workspace.id,
      role: "admin",
      status: "invited",
      user: { email, name: "Nina New" },
    });
    const app = await getDashboardApp();
    const db = await getDb();
    const [user] = await db.select().from(appUsers).where(and(eq(appUsers.appId, app.id), eq(appUsers.email, email)));
    expect(user?.status).toBe("active");
    const mails = await db.select().from(outboxMessages).where(eq(outboxMessages.to, email));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ template: "workspace_invite", links: ["http://localhost:3999/dashboard/sign-in"] });
    expect(mails[0]?.text).toContain("Acme");
    const [event] = await db
      .select()
      .from(events)
      .where(and(eq(events.slug, "membership.invited"), eq(events.workspaceId, acme.workspace.id)));
    expect(event).toMatchObject({ actorType: "member", actorId: admin.memberId });
    expect(JSON.stringify(event?.params)).not.toContain(email);

    // The invitee signs in with the invited address: the invitation becomes active.
    const { token } = await dashboardToken(email);
    const s = await memberFromAccessToken(token, new Date());
    expect(s.memberships).toEqual([expect.objectContaining({ workspaceId: acme.workspace.id, role: "admin" })]);
  });

  it("invites an existing member of another workspace (defaults to role member) and works with the workspace key", async () => {
    const res = await invite({ secret: acme.workspaceKey }, { email: outsider.email });
    expectStatus(res, 200);
    expect(res.body.membership).toMatchObject({ role: "member", status: "invited", user: { id: outsider.memberId } });
  });

  it("answers 409 already_member for someone already in the workspace", async () => {
    expectError(await invite(asMember(owner), { email: plain.email }), 409, "already_member");
  });

  it("refuses plain members (403), outsiders (404), owner invitations and bad emails, sending nothing", async () => {
    const email = freshEmail("nope");
    // (`outsider` was invited above and joined with their next request.)
    const stranger = await memberIn(other.workspace.id, "owner");
    expectError(await invite(asMember(plain), { email }), 403, "forbidden");
    expectError(await invite(asMember(stranger), { email }), 404, "workspace_not_found");
    expectError(await invite(asMember(owner), { email, role: "owner" }), 422, "validation_failed");
    expectError(await invite(asMember(owner), { email: "not-an-email" }), 400, "invalid_email");
    expect(await memberByEmail(email)).toBeUndefined();
    const db = await getDb();
    expect(await db.select().from(outboxMessages).where(eq(outboxMessages.to, email))).toHaveLength(0);
  });
});
