import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { apiKeys, events, workspaces } from "@/db/schema";
import { sha256Hex } from "@/lib/crypto";
import { call, type CallOptions, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { GET, OPTIONS, PATCH } from "./route";

let parent: Tenant;
let child: Tenant;
let sibling: Tenant;
let other: Tenant;
let revoked: Tenant;

beforeAll(async () => {
  parent = await createTenant({ name: "Parent Co" });
  child = await createTenant({ parentWorkspaceId: parent.workspace.id, name: "Child One" });
  sibling = await createTenant({ parentWorkspaceId: parent.workspace.id, name: "Child Two" });
  other = await createTenant({ name: "Other Secret Name" });
  revoked = await createTenant();
  const db = await getDb();
  await db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.tokenHash, sha256Hex(revoked.workspaceKey)));
});

const get = (idOrSlug: string, opts: CallOptions) =>
  call(GET, "GET", `/v1/workspaces/${idOrSlug}`, { ...opts, params: { workspace_id: idOrSlug } });
const patch = (idOrSlug: string, opts: CallOptions) =>
  call(PATCH, "PATCH", `/v1/workspaces/${idOrSlug}`, { ...opts, params: { workspace_id: idOrSlug } });

async function row(id: string) {
  const db = await getDb();
  const [ws] = await db.select().from(workspaces).where(eq(workspaces.id, id));
  if (!ws) throw new Error(`workspace ${id} is gone`);
  return ws;
}

async function updateEvents(workspaceId: string) {
  const db = await getDb();
  const all = await db
    .select()
    .from(events)
    .where(eq(events.workspaceId, workspaceId))
    .orderBy(asc(events.createdAt), asc(events.id));
  return all.filter((e) => e.slug === "workspace.updated");
}

function authCases(): [string, () => CallOptions, number, string][] {
  return [
    ["no secret", () => ({}), 401, "workspace_api_key_required"],
    ["a malformed Authorization header", () => ({ headers: { authorization: "Bearer two words" } }), 401, "unauthorized"],
    ["a revoked workspace key", () => ({ secret: revoked.workspaceKey }), 401, "invalid_api_key"],
    ["an app key of the workspace", () => ({ secret: parent.appKey }), 403, "forbidden"],
    ["another workspace's key", () => ({ secret: other.workspaceKey }), 404, "workspace_not_found"],
    ["a child's key on its parent", () => ({ secret: child.workspaceKey }), 404, "workspace_not_found"],
  ];
}

describe("GET /v1/workspaces/{id_or_slug}", () => {
  it("returns the key's own workspace by uuid, slug and upper-cased slug", async () => {
    for (const ref of [parent.workspace.id, parent.workspace.slug, parent.workspace.slug.toUpperCase()]) {
      const res = await get(ref, { secret: parent.workspaceKey });
      expectStatus(res, 200);
      expect(res.body.workspace).toMatchObject({ id: parent.workspace.id, name: "Parent Co", parent_workspace_id: null });
      expect(res.body.workspace).not.toHaveProperty("membership");
    }
  });

  it("lets a parent's key reach a child by uuid and slug", async () => {
    for (const ref of [child.workspace.id, child.workspace.slug]) {
      const res = await get(ref, { secret: parent.workspaceKey });
      expectStatus(res, 200);
      expect(res.body.workspace).toMatchObject({ id: child.workspace.id, parent_workspace_id: parent.workspace.id });
    }
  });

  it("hides a sibling from a child's key exactly like a missing workspace", async () => {
    for (const ref of [sibling.workspace.id, sibling.workspace.slug]) {
      const res = await get(ref, { secret: child.workspaceKey });
      expectError(res, 404, "workspace_not_found");
      expect(res.text).not.toContain("Child Two");
    }
  });

  it("answers 404 for unknown ids and slugs, and for soft-deleted children", async () => {
    const gone = await createTenant({ parentWorkspaceId: parent.workspace.id });
    const db = await getDb();
    await db.update(workspaces).set({ deletedAt: new Date() }).where(eq(workspaces.id, gone.workspace.id));
    for (const ref of ["0190a4b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b", "no-such-slug", "a".repeat(65), "slug_with_underscore", gone.workspace.id, gone.workspace.slug]) {
      expectError(await get(ref, { secret: parent.workspaceKey }), 404, "workspace_not_found");
    }
    // A NUL in a path value never reaches the database: the route wrapper answers a plain 404.
    expectError(await get("nul\u0000byte", { secret: parent.workspaceKey }), 404, "not_found");
  });

  it.each(authCases())("refuses %s without leaking data", async (_label, opts, status, code) => {
    const res = await get(parent.workspace.id, opts());
    expectError(res, status, code);
    expect(res.body).not.toHaveProperty("workspace");
    expect(res.text).not.toContain("Parent Co");
  });

  it("answers another tenant's slug with 404 too", async () => {
    const res = await get(other.workspace.slug, { secret: parent.workspaceKey });
    expectError(res, 404, "workspace_not_found");
    expect(res.text).not.toContain("Other Secret Name");
  });
});

describe("PATCH /v1/workspaces/{id}", () => {
  it("updates every writable field and records workspace.updated with the field names", async () => {
    const t = await createTenant({ name: "Patch Me" });
    const before = await row(t.workspace.id);
    const res = await patch(t.workspace.id, {
      secret: t.workspaceKey,
      body: {
        name: "Patched",
        slug: "patched-co",
        logo_url: "https://cdn.patched.test/logo.png",
        settings: { onboarding: { fullName: true, companyName: false } },
        public_signup: true,
        user_info_requirement: "full",
      },
    });
    expectStatus(res, 200);
    expect(res.body.workspace).toMatchObject({
      id: t.workspace.id,
      name: "Patched",
      slug: "patched-co",
      logo_url: "https://cdn.patched.test/logo.png",
      settings: { onboarding: { fullName: true, companyName: false } },
      public_signup: true,
      user_info_requirement: "full",
    });
    expect(new Date(res.body.workspace.updated_at).getTime()).toBeGreaterThanOrEqual(before.updatedAt.getTime());
    expect((await row(t.workspace.id)).slug).toBe("patched-co");
    const recorded = await updateEvents(t.workspace.id);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.params).toEqual({
      fields: ["name", "slug", "logo_url", "settings", "public_signup", "user_info_requirement"],
    });
    expect(recorded[0]?.actorType).toBe("api_key");
  });

  it("accepts a wrapped body, a settings JSON string, and a form body; null clears logo_url", async () => {
    const t = await createTenant();
    const wrapped = await patch(t.workspace.slug, {
      secret: t.workspaceKey,
      body: { workspace: { settings: '{"theme":"dark"}', logo_url: "https://x.test/a.png" } },
    });
    expectStatus(wrapped, 200);
    expect(wrapped.body.workspace).toMatchObject({ settings: { theme: "dark" }, logo_url: "https://x.test/a.png" });
    const form = await patch(t.workspace.id, {
      secret: t.workspaceKey,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ "workspace[public_signup]": "1", "workspace[user_info_requirement]": "none" }),
    });
    expectStatus(form, 200);
    expect(form.body.workspace).toMatchObject({ public_signup: true, user_info_requirement: "none" });
    const cleared = await patch(t.workspace.id, { secret: t.workspaceKey, body: { logo_url: null } });
    expectStatus(cleared, 200);
    expect(cleared.body.workspace.logo_url).toBeNull();
    expect((await updateEvents(t.workspace.id)).map((e) => e.params)).toEqual([
      { fields: ["logo_url", "settings"] },
      { fields: ["public_signup", "user_info_requirement"] },
      { fields: ["logo_url"] },
    ]);
  });

  it("ignores read-only fields, and a change to nothing writes nothing", async () => {
    const t = await createTenant();
    const res = await patch(t.workspace.id, {
      secret: t.workspaceKey,
      body: { is_pro: true, personal: true, parent_workspace_id: parent.workspace.id, slug: t.workspace.slug, settings: {} },
    });
    expectStatus(res, 200);
    expect(res.body.workspace).toMatchObject({ is_pro: false, personal: false, parent_workspace_id: null });
    expect(await updateEvents(t.workspace.id)).toHaveLength(0);
  });

  it("answers 409 slug_taken for another workspace's slug, changing and recording nothing", async () => {
    const t = await createTenant();
    const res = await patch(t.workspace.id, { secret: t.workspaceKey, body: { name: "Renamed", slug: other.workspace.slug } });
    expectError(res, 409, "slug_taken");
    const after = await row(t.workspace.id);
    expect(after.name).toBe(t.workspace.name);
    expect(after.slug).toBe(t.workspace.slug);
    expect(await updateEvents(t.workspace.id)).toHaveLength(0);
  });

  const badBodies: [string, unknown, number, string][] = [
    ["a null name", { name: null }, 400, "bad_request"],
    ["a numeric name", { name: 7 }, 400, "bad_request"],
    ["a 257-character name", { name: "n".repeat(257) }, 422, "validation_failed"],
    ["a bad slug", { slug: "Not A Slug" }, 422, "validation_failed"],
    ["a uuid slug", { slug: "0190a4b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b" }, 422, "validation_failed"],
    ["an http logo_url", { logo_url: "http://x.test/a.png" }, 422, "validation_failed"],
    ["array settings", { settings: [1, 2] }, 400, "bad_request"],
    ["unparseable settings", { settings: "{nope" }, 400, "bad_request"],
    ["oversized settings", { settings: { blob: "x".repeat(17 * 1024) } }, 422, "validation_failed"],
    ["a non-boolean public_signup", { public_signup: "yes" }, 400, "bad_request"],
    ["an unknown user_info_requirement", { user_info_requirement: "phone" }, 422, "validation_failed"],
  ];

  it.each(badBodies)("refuses %s and writes nothing", async (_label, body, status, code) => {
    const res = await patch(parent.workspace.id, { secret: parent.workspaceKey, body });
    expectError(res, status, code);
    expect(res.body.errors).toBeTruthy();
    expect(await row(parent.workspace.id)).toEqual(parent.workspace);
    expect(await updateEvents(parent.workspace.id)).toHaveLength(0);
  });

  it("refuses malformed JSON and an oversized body, writing nothing", async () => {
    const malformed = await patch(parent.workspace.id, {
      secret: parent.workspaceKey,
      headers: { "content-type": "application/json" },
      body: "{name:",
    });
    expectError(malformed, 400, "invalid_json");
    const huge = await patch(parent.workspace.id, { secret: parent.workspaceKey, body: { name: "n".repeat(70 * 1024) } });
    expectError(huge, 413, "payload_too_large");
    expect(await updateEvents(parent.workspace.id)).toHaveLength(0);
  });

  it("lets a parent's key update a child, recording the event on the child", async () => {
    const res = await patch(child.workspace.id, { secret: parent.workspaceKey, body: { name: "Child Renamed" } });
    expectStatus(res, 200);
    expect(res.body.workspace).toMatchObject({ id: child.workspace.id, name: "Child Renamed" });
    expect(await updateEvents(child.workspace.id)).toHaveLength(1);
  });

  it("hides a sibling from a child's key and leaves it unchanged", async () => {
    const res = await patch(sibling.workspace.id, { secret: child.workspaceKey, body: { name: "Hijacked" } });
    expectError(res, 404, "workspace_not_found");
    expect((await row(sibling.workspace.id)).name).toBe("Child Two");
    expect(await updateEvents(sibling.workspace.id)).toHaveLength(0);
  });

  it.each(authCases())("refuses %s, changing and recording nothing", async (_label, opts, status, code) => {
    const res = await patch(parent.workspace.id, { ...opts(), body: { name: "Hijacked" } });
    expectError(res, status, code);
    expect(res.text).not.toContain("Parent Co");
    expect((await row(parent.workspace.id)).name).toBe("Parent Co");
    expect(await updateEvents(parent.workspace.id)).toHaveLength(0);
  });

  it("answers the CORS preflight with 204", async () => {
    const res = await call(OPTIONS, "OPTIONS", `/v1/workspaces/${parent.workspace.id}`);
    expect(res.status).toBe(204);
  });
});
