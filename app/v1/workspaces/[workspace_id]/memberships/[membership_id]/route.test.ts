import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { events } from "@/db/schema";
import { asMember, memberIn, membershipRow, notificationsOf, notify, type TestMember } from "@/lib/dashboard/test-fixtures";
import { call, type CallOptions, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { GET as listWorkspaces } from "../../../route";
import { DELETE, PATCH } from "./route";

let acme: Tenant;
let other: Tenant;
let owner: TestMember;
let admin: TestMember;
let plain: TestMember;
let outsider: TestMember;

// A fresh workspace per test: role changes must not leak between cases.
beforeEach(async () => {
  acme = await createTenant({ name: "Acme" });
  other = await createTenant({ name: "Other" });
  owner = await memberIn(acme.workspace.id, "owner");
  admin = await memberIn(acme.workspace.id, "admin");
  plain = await memberIn(acme.workspace.id, "member");
  outsider = await memberIn(other.workspace.id, "owner");
});

const target = (m: TestMember | string) => (typeof m === "string" ? m : (m.membershipId ?? ""));
const patch = (opts: CallOptions, m: TestMember | string, role: string, workspaceId = acme.workspace.id) =>
  call(PATCH, "PATCH", "/", { ...opts, body: { role }, params: { workspace_id: workspaceId, membership_id: target(m) } });
const remove = (opts: CallOptions, m: TestMember | string, workspaceId = acme.workspace.id) =>
  call(DELETE, "DELETE", "/", { ...opts, params: { workspace_id: workspaceId, membership_id: target(m) } });

describe("PATCH /v1/workspaces/{id}/memberships/{membership_id}", () => {
  it("lets an admin change a member's role, recording membership.updated", async () => {
    const res = await patch(asMember(admin), plain, "admin");
    expectStatus(res, 200);
    expect(res.body.membership).toMatchObject({ id: plain.membershipId, role: "admin", user: { id: plain.memberId } });
    const db = await getDb();
    const [event] = await db.select().from(events).where(and(eq(events.slug, "membership.updated"), eq(events.workspaceId, acme.workspace.id)));
    expect(event?.params).toMatchObject({ role: "admin", previous_role: "member" });
  });

  it("lets only owners (and the workspace key) grant owner or touch an owner", async () => {
    expectError(await patch(asMember(admin), plain, "owner"), 403, "forbidden");
    expectError(await patch(asMember(admin), owner, "member"), 403, "forbidden");
    expectStatus(await patch(asMember(owner), admin, "owner"), 200);
    expectStatus(await patch({ secret: acme.workspaceKey }, plain, "owner"), 200);
    expect((await membershipRow(target(plain)))?.role).toBe("owner");
  });

  it("refuses an owner demoting themselves (422 cannot_demote_self) and demoting the last owner (422 last_owner)", async () => {
    expectError(await patch(asMember(owner), owner, "admin"), 422, "cannot_demote_self");
    expectError(await patch({ secret: acme.workspaceKey }, owner, "member"), 422, "last_owner");
    expect((await membershipRow(target(owner)))?.role).toBe("owner");
    // With a second owner, the first may be demoted by the other.
    expectStatus(await patch(asMember(owner), admin, "owner"), 200);
    expectStatus(await patch(asMember(admin), owner, "member"), 200);
  });

  it("keeps one owner when two owners demote each other at once", async () => {
    expectStatus(await patch(asMember(owner), admin, "owner"), 200);
    const [a, b] = await Promise.all([patch({ secret: acme.workspaceKey }, owner, "member"), patch({ secret: acme.workspaceKey }, admin, "member")]);
    expect([a?.status, b?.status].sort()).toEqual([200, 422]);
    const roles = [(await membershipRow(target(owner)))?.role, (await membershipRow(target(admin)))?.role];
    expect(roles.filter((r) => r === "owner")).toHaveLength(1);
  });

  it("answers 403 to plain members, 404 to outsiders and for other workspaces' memberships, 422 for a bad role", async () => {
    expectError(await patch(asMember(plain), admin, "member"), 403, "forbidden");
    expectError(await patch(asMember(outsider), plain, "admin"), 404, "workspace_not_found");
    expectError(await patch(asMember(owner), outsider, "admin"), 404, "membership_not_found");
    expectError(await patch(asMember(owner), "not-a-uuid", "admin"), 404, "membership_not_found");
    expectError(await patch(asMember(owner), plain, "superuser"), 422, "validation_failed");
    expectError(await patch({}, plain, "admin"), 401, "workspace_api_key_required");
    expect((await membershipRow(target(plain)))?.role).toBe("member");
  });
});

describe("DELETE /v1/workspaces/{id}/memberships/{membership_id}", () => {
  it("removes a member with their notifications of the workspace; their next request is refused", async () => {
    await notify(plain.memberId, acme.workspace.id);
    const res = await remove(asMember(admin), plain);
    expectStatus(res, 200);
    expect(res.body).toEqual({ message: "ok" });
    expect(await membershipRow(target(plain))).toBeUndefined();
    expect(await notificationsOf(plain.memberId, acme.workspace.id)).toHaveLength(0);
    expectError(await call(listWorkspaces, "GET", "/v1/workspaces", asMember(plain)), 403, "workspace_access_denied");
    const db = await getDb();
    const [event] = await db.select().from(events).where(and(eq(events.slug, "membership.removed"), eq(events.workspaceId, acme.workspace.id)));
    expect(event).toMatchObject({ actorType: "member", actorId: admin.memberId });
  });

  it("refuses an owner removing themselves (422), the last owner (422), and admins removing owners (403)", async () => {
    expectError(await remove(asMember(owner), owner), 422, "cannot_remove_self");
    expectError(await remove(asMember(admin), owner), 403, "forbidden");
    expectError(await remove({ secret: acme.workspaceKey }, owner), 422, "last_owner");
    expect(await membershipRow(target(owner))).toBeDefined();
  });

  it("answers 403 to plain members, 404 to outsiders and other workspaces' keys", async () => {
    expectError(await remove(asMember(plain), admin), 403, "forbidden");
    expectError(await remove(asMember(outsider), admin), 404, "workspace_not_found");
    expectError(await remove({ secret: other.workspaceKey }, admin), 404, "workspace_not_found");
    expect(await membershipRow(target(admin))).toBeDefined();
    expectStatus(await remove({ secret: acme.workspaceKey }, admin), 200);
  });
});
