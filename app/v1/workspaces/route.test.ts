import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { apiKeys, events, workspaces } from "@/db/schema";
import { sha256Hex } from "@/lib/crypto";
import { call, type CallOptions, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { GET as GET_ONE } from "./[workspace_id]/route";
import { GET, OPTIONS, POST } from "./route";

const WORKSPACE_KEYS = [
  "created_at",
  "id",
  "is_pro",
  "logo_url",
  "name",
  "parent_workspace_id",
  "personal",
  "public_signup",
  "settings",
  "slug",
  "updated_at",
  "user_info_requirement",
];

let parent: Tenant;
let child: Tenant;
let sibling: Tenant;
let other: Tenant;
let revoked: Tenant;

async function workspaceCount(): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(workspaces);
  return row?.n ?? 0;
}

async function eventsOf(workspaceId: string) {
  const db = await getDb();
  return db.select().from(events).where(eq(events.workspaceId, workspaceId));
}

beforeAll(async () => {
  parent = await createTenant({ name: "Parent Co" });
  child = await createTenant({ parentWorkspaceId: parent.workspace.id, name: "Child One" });
  sibling = await createTenant({ parentWorkspaceId: parent.workspace.id, name: "Child Two" });
  other = await createTenant({ name: "Other Tenant" });
  revoked = await createTenant();
  const db = await getDb();
  await db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.tokenHash, sha256Hex(revoked.workspaceKey)));
});

/** The credential failures every workspace route shares. */
function authCases(): [string, () => CallOptions, number, string][] {
  return [
    ["no secret", () => ({}), 401, "workspace_api_key_required"],
    ["a malformed Authorization header", () => ({ headers: { authorization: "Basic dXNlcjpwYXNz" } }), 401, "unauthorized"],
    ["an unknown workspace key", () => ({ secret: `scwor_${"x".repeat(40)}` }), 401, "invalid_api_key"],
    ["a revoked workspace key", () => ({ secret: revoked.workspaceKey }), 401, "invalid_api_key"],
    ["an app key", () => ({ secret: parent.appKey }), 403, "forbidden"],
  ];
}

describe("GET /v1/workspaces", () => {
  it("lists the key's workspace first, then its live children, without membership", async () => {
    const res = await call(GET, "GET", "/v1/workspaces", { secret: parent.workspaceKey });
    expectStatus(res, 200);
    const ids = res.body.workspaces.map((w: { id: string }) => w.id);
    expect(ids).toEqual([parent.workspace.id, child.workspace.id, sibling.workspace.id]);
    expect(Object.keys(res.body.workspaces[0]).sort()).toEqual(WORKSPACE_KEYS);
    expect(res.body.workspaces[0]).toMatchObject({
      name: "Parent Co",
      slug: parent.workspace.slug,
      personal: false,
      is_pro: false,
      public_signup: false,
      user_info_requirement: "email",
      parent_workspace_id: null,
      settings: {},
    });
    expect(res.body.workspaces[1].parent_workspace_id).toBe(parent.workspace.id);
    expect(res.text).not.toContain(other.workspace.id);
  });

  it("gives a child's key only its own workspace, never the parent or a sibling", async () => {
    const res = await call(GET, "GET", "/v1/workspaces", { secret: child.workspaceKey });
    expectStatus(res, 200);
    expect(res.body.workspaces.map((w: { id: string }) => w.id)).toEqual([child.workspace.id]);
  });

  it("leaves out soft-deleted children", async () => {
    const gone = await createTenant({ parentWorkspaceId: other.workspace.id });
    const db = await getDb();
    await db.update(workspaces).set({ deletedAt: new Date() }).where(eq(workspaces.id, gone.workspace.id));
    const res = await call(GET, "GET", "/v1/workspaces", { secret: other.workspaceKey });
    expectStatus(res, 200);
    expect(res.body.workspaces.map((w: { id: string }) => w.id)).toEqual([other.workspace.id]);
  });

  it.each(authCases())("refuses %s", async (_label, opts, status, code) => {
    const res = await call(GET, "GET", "/v1/workspaces", opts());
    expectError(res, status, code);
    expect(res.body).not.toHaveProperty("workspaces");
  });

  it("answers the CORS preflight with 204", async () => {
    const res = await call(OPTIONS, "OPTIONS", "/v1/workspaces");
    expect(res.status).toBe(204);
  });
});

describe("POST /v1/workspaces", () => {
  it("creates a top-level workspace with its first workspace key, shown once", async () => {
    const res = await call(POST, "POST", "/v1/workspaces", {
      secret: parent.workspaceKey,
      body: { name: "Acme Corp", slug: "acme-corp", logo_url: "https://cdn.acme.test/logo.png" },
    });
    expectStatus(res, 200);
    const { workspace, api_key } = res.body;
    expect(Object.keys(workspace).sort()).toEqual(WORKSPACE_KEYS);
    expect(workspace).toMatchObject({
      name: "Acme Corp",
      slug: "acme-corp",
      logo_url: "https://cdn.acme.test/logo.png",
      parent_workspace_id: null,
      personal: false,
    });
    expect(api_key.token).toMatch(/^scwor_[0-9A-Za-z]{40}$/);
    expect(Object.keys(api_key).sort()).toEqual(["created_at", "id", "nickname", "token", "token_preview"]);
    expect(api_key.nickname).toBe("Initial workspace key");

    const db = await getDb();
    const [stored] = await db.select().from(apiKeys).where(eq(apiKeys.id, api_key.id));
    expect(stored).toMatchObject({ kind: "workspace", workspaceId: workspace.id, tokenHash: sha256Hex(api_key.token) });
    expect(JSON.stringify(stored)).not.toContain(api_key.token);

    // The new key reaches the new workspace; the creating key does not (it is not a child).
    const mine = await call(GET_ONE, "GET", `/v1/workspaces/${workspace.id}`, {
      params: { workspace_id: workspace.id },
      secret: api_key.token,
    });
    expectStatus(mine, 200);
    const creator = await call(GET_ONE, "GET", `/v1/workspaces/${workspace.id}`, {
      params: { workspace_id: workspace.id },
      secret: parent.workspaceKey,
    });
    expectError(creator, 404, "workspace_not_found");

    const recorded = await eventsOf(workspace.id);
    expect(recorded.map((e) => e.slug).sort()).toEqual(["api_key.created", "workspace.created"]);
    expect(recorded.every((e) => e.actorType === "api_key")).toBe(true);
    expect(JSON.stringify(recorded)).not.toContain(api_key.token);
  });

  it("accepts a wrapped body and derives the slug from the name", async () => {
    const res = await call(POST, "POST", "/v1/workspaces", {
      secret: parent.workspaceKey,
      body: { workspace: { name: "Wrapped Été Co" } },
    });
    expectStatus(res, 200);
    expect(res.body.workspace.name).toBe("Wrapped Été Co");
    expect(res.body.workspace.slug).toBe("wrapped-ete-co");
  });

  it("accepts a form-encoded body", async () => {
    const res = await call(POST, "POST", "/v1/workspaces", {
      secret: parent.workspaceKey,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ "workspace[name]": "Form Co", "workspace[slug]": "form-co" }),
    });
    expectStatus(res, 200);
    expect(res.body.workspace).toMatchObject({ name: "Form Co", slug: "form-co" });
  });

  it("never derives a slug that looks like a uuid", async () => {
    const res = await call(POST, "POST", "/v1/workspaces", { secret: parent.workspaceKey, body: { name: other.workspace.id } });
    expectStatus(res, 200);
    expect(res.body.workspace.slug).toBe(`workspace-${other.workspace.id}`);
  });

  it("answers 409 slug_taken for a used slug and creates nothing", async () => {
    const before = await workspaceCount();
    const db = await getDb();
    const [keysBefore] = await db.select({ n: count() }).from(apiKeys);
    const res = await call(POST, "POST", "/v1/workspaces", {
      secret: parent.workspaceKey,
      body: { name: "Squatter", slug: other.workspace.slug },
    });
    expectError(res, 409, "slug_taken");
    expect(await workspaceCount()).toBe(before);
    const [keysAfter] = await db.select({ n: count() }).from(apiKeys);
    expect(keysAfter?.n).toBe(keysBefore?.n);
  });

  const badBodies: [string, unknown, number, string, string][] = [
    ["a missing name", { slug: "no-name" }, 400, "bad_request", "name"],
    ["a non-string name", { name: 42 }, 400, "bad_request", "name"],
    ["a blank name", { name: "   " }, 422, "validation_failed", "name"],
    ["a 257-character name", { name: "n".repeat(257) }, 422, "validation_failed", "name"],
    ["a name with a NUL byte", { name: "a\u0000b" }, 400, "bad_request", "name"],
    ["an uppercase slug", { name: "X", slug: "Bad-Slug" }, 422, "validation_failed", "slug"],
    ["a slug with a leading dash", { name: "X", slug: "-lead" }, 422, "validation_failed", "slug"],
    ["a 65-character slug", { name: "X", slug: "s".repeat(65) }, 422, "validation_failed", "slug"],
    ["a uuid slug", { name: "X", slug: "0190a4b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b" }, 422, "validation_failed", "slug"],
    ["an http logo_url", { name: "X", logo_url: "http://cdn.test/l.png" }, 422, "validation_failed", "logo_url"],
    ["a javascript: logo_url", { name: "X", logo_url: "javascript:alert(1)" }, 422, "validation_failed", "logo_url"],
    ["a data: logo_url", { name: "X", logo_url: "data:image/png;base64,AAAA" }, 422, "validation_failed", "logo_url"],
  ];

  it.each(badBodies)("refuses %s", async (_label, body, status, code, field) => {
    const before = await workspaceCount();
    const res = await call(POST, "POST", "/v1/workspaces", { secret: parent.workspaceKey, body });
    expectError(res, status, code);
    expect(res.body.errors).toHaveProperty(field);
    expect(await workspaceCount()).toBe(before);
  });

  it("refuses malformed JSON, a non-object body and an oversized body", async () => {
    const malformed = await call(POST, "POST", "/v1/workspaces", {
      secret: parent.workspaceKey,
      headers: { "content-type": "application/json" },
      body: '{"name": "Broken"',
    });
    expectError(malformed, 400, "invalid_json");
    const array = await call(POST, "POST", "/v1/workspaces", {
      secret: parent.workspaceKey,
      headers: { "content-type": "application/json" },
      body: '["name"]',
    });
    expectError(array, 400, "invalid_json");
    const huge = await call(POST, "POST", "/v1/workspaces", {
      secret: parent.workspaceKey,
      body: { name: "Huge", padding: "x".repeat(100 * 1024) },
    });
    expectError(huge, 413, "payload_too_large");
  });

  it("refuses a child workspace's key and creates nothing", async () => {
    const before = await workspaceCount();
    const res = await call(POST, "POST", "/v1/workspaces", { secret: child.workspaceKey, body: { name: "Escape" } });
    expectError(res, 403, "forbidden");
    expect(await workspaceCount()).toBe(before);
  });

  it.each(authCases())("refuses %s and creates nothing", async (_label, opts, status, code) => {
    const before = await workspaceCount();
    const res = await call(POST, "POST", "/v1/workspaces", { ...opts(), body: { name: "Nope" } });
    expectError(res, status, code);
    expect(await workspaceCount()).toBe(before);
    const db = await getDb();
    const [nope] = await db.select().from(workspaces).where(and(eq(workspaces.name, "Nope")));
    expect(nope).toBeUndefined();
  });
});
