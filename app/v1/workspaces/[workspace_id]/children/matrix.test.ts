/**
 * Tenancy matrix for child workspaces (issue 6, threats T19/T20): every
 * credential × every target on the child routes and on app/workspace admin
 * routes. A parent workspace key reaches its children; a child's key (app key
 * or workspace key) never reaches its parent or its siblings. Expected cells
 * come from one policy function; any mismatch fails with the cell's name.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { systemCtx } from "@/lib/context";
import { call, createTenant, type Tenant } from "@/test/harness";
import { GET as listAppKeys } from "@/app/v1/apps/[app_id]/api_keys/route";
import { PATCH as patchApp } from "@/app/v1/apps/[app_id]/route";
import { GET as listWorkspaceApps } from "@/app/v1/workspaces/[workspace_id]/apps/route";
import { GET as getChild, PATCH as patchChild } from "./[child_id]/route";
import { GET as listChildren, POST as createChild } from "./route";

interface Node {
  workspaceId: string;
  parentId: string | null;
  appId: string;
}

interface Cred {
  name: string;
  secret: string;
  kind: "app" | "workspace";
  /** The key's workspace, and for an app key its app. */
  workspaceId: string;
  appId: string | null;
}

const nodes: Record<"parent" | "child" | "sibling" | "other", Node> = {} as Record<"parent" | "child" | "sibling" | "other", Node>;
const creds: Cred[] = [];

async function provision(parent: Tenant, name: string): Promise<{ node: Node; appKey: string; workspaceKey: string }> {
  const res = await call(createChild, "POST", `/v1/workspaces/${parent.workspace.id}/children`, {
    body: { name },
    secret: parent.workspaceKey,
    params: { workspace_id: parent.workspace.id },
  });
  expect(res.status, res.text).toBe(200);
  // A workspace key of the child too: the strongest credential a child can hold.
  const { token } = await createApiKey({
    ctx: systemCtx("test"),
    input: { kind: "workspace", workspaceId: res.body.workspace_id, nickname: "child ws key" },
  });
  return {
    node: { workspaceId: res.body.workspace_id, parentId: parent.workspace.id, appId: res.body.app_id },
    appKey: res.body.api_key_token,
    workspaceKey: token,
  };
}

beforeAll(async () => {
  const parent = await createTenant({ name: "Matrix parent" });
  const other = await createTenant({ name: "Matrix stranger" });
  const child = await provision(parent, "Matrix child");
  const sibling = await provision(parent, "Matrix sibling");
  nodes.parent = { workspaceId: parent.workspace.id, parentId: null, appId: parent.app.publicId };
  nodes.other = { workspaceId: other.workspace.id, parentId: null, appId: other.app.publicId };
  nodes.child = child.node;
  nodes.sibling = sibling.node;
  creds.push(
    { name: "parent workspace key", secret: parent.workspaceKey, kind: "workspace", workspaceId: nodes.parent.workspaceId, appId: null },
    { name: "parent app key", secret: parent.appKey, kind: "app", workspaceId: nodes.parent.workspaceId, appId: nodes.parent.appId },
    { name: "child app key", secret: child.appKey, kind: "app", workspaceId: nodes.child.workspaceId, appId: nodes.child.appId },
    { name: "child workspace key", secret: child.workspaceKey, kind: "workspace", workspaceId: nodes.child.workspaceId, appId: null },
    { name: "sibling app key", secret: sibling.appKey, kind: "app", workspaceId: nodes.sibling.workspaceId, appId: nodes.sibling.appId },
    { name: "sibling workspace key", secret: sibling.workspaceKey, kind: "workspace", workspaceId: nodes.sibling.workspaceId, appId: null },
    { name: "other workspace key", secret: other.workspaceKey, kind: "workspace", workspaceId: nodes.other.workspaceId, appId: null },
    { name: "other app key", secret: other.appKey, kind: "app", workspaceId: nodes.other.workspaceId, appId: nodes.other.appId },
  );
});

const TARGETS = ["parent", "child", "sibling", "other"] as const;

/** A workspace key reaches its own workspace and its children (lib/tenancy). */
const wsKeyReaches = (cred: Cred, n: Node) => n.workspaceId === cred.workspaceId || n.parentId === cred.workspaceId;

/** Expected [status, error_code] of an app admin route on `n`'s app. */
function appRoutePolicy(cred: Cred, n: Node): [number, string | null] {
  if (cred.kind === "app") return cred.appId === n.appId ? [200, null] : [403, "api_key_not_authorized"];
  return wsKeyReaches(cred, n) ? [200, null] : [404, "app_not_found"];
}

/** Expected result of a workspace route on `n`'s workspace. */
function workspaceRoutePolicy(cred: Cred, n: Node): [number, string | null] {
  if (cred.kind === "app") return [403, "forbidden"];
  return wsKeyReaches(cred, n) ? [200, null] : [404, "workspace_not_found"];
}

/** Expected result of a children route under `n` (only a top-level workspace's own key manages children). */
function childrenPolicy(cred: Cred, n: Node): [number, string | null] {
  const ws = workspaceRoutePolicy(cred, n);
  if (ws[0] !== 200) return ws;
  return n.parentId === null ? [200, null] : [403, "forbidden"];
}

function check(cell: string, res: { status: number; body: { error_code?: string }; text: string }, expected: [number, string | null]) {
  expect(res.status, `${cell}: ${res.text}`).toBe(expected[0]);
  if (expected[1]) expect(res.body.error_code, cell).toBe(expected[1]);
}

describe("child workspace tenancy matrix", () => {
  it("app admin routes: GET /v1/apps/{app}/api_keys and PATCH /v1/apps/{app}", async () => {
    for (const cred of creds) {
      for (const t of TARGETS) {
        const n = nodes[t];
        const params = { app_id: n.appId };
        check(
          `${cred.name} → GET api_keys of ${t} app`,
          await call(listAppKeys, "GET", `/v1/apps/${n.appId}/api_keys`, { secret: cred.secret, params }),
          appRoutePolicy(cred, n),
        );
        check(
          `${cred.name} → PATCH ${t} app`,
          await call(patchApp, "PATCH", `/v1/apps/${n.appId}`, { secret: cred.secret, params, body: {} }),
          appRoutePolicy(cred, n),
        );
      }
    }
  });

  it("workspace route: GET /v1/workspaces/{ws}/apps", async () => {
    for (const cred of creds) {
      for (const t of TARGETS) {
        const n = nodes[t];
        check(
          `${cred.name} → apps of ${t} workspace`,
          await call(listWorkspaceApps, "GET", `/v1/workspaces/${n.workspaceId}/apps`, {
            secret: cred.secret,
            params: { workspace_id: n.workspaceId },
          }),
          workspaceRoutePolicy(cred, n),
        );
      }
    }
  });

  it("children routes: list under each workspace, get/patch the child under the parent", async () => {
    for (const cred of creds) {
      for (const t of TARGETS) {
        const n = nodes[t];
        check(
          `${cred.name} → children of ${t}`,
          await call(listChildren, "GET", `/v1/workspaces/${n.workspaceId}/children`, {
            secret: cred.secret,
            params: { workspace_id: n.workspaceId },
          }),
          childrenPolicy(cred, n),
        );
      }
      for (const t of ["child", "sibling"] as const) {
        const params = { workspace_id: nodes.parent.workspaceId, child_id: nodes[t].workspaceId };
        const url = `/v1/workspaces/${params.workspace_id}/children/${params.child_id}`;
        const expected = childrenPolicy(cred, nodes.parent);
        check(`${cred.name} → GET ${t} under parent`, await call(getChild, "GET", url, { secret: cred.secret, params }), expected);
        check(`${cred.name} → PATCH ${t} under parent`, await call(patchChild, "PATCH", url, { secret: cred.secret, params, body: {} }), expected);
      }
    }
  });

  it("a child id is looked up only under its own parent: sibling ids under a child path, stranger's parent", async () => {
    const parentKey = creds[0];
    if (!parentKey) throw new Error("no creds");
    // The parent's key naming the sibling as the "parent" of the child: a child cannot have children.
    const params = { workspace_id: nodes.sibling.workspaceId, child_id: nodes.child.workspaceId };
    check(
      "parent key → child under sibling",
      await call(getChild, "GET", `/v1/workspaces/${params.workspace_id}/children/${params.child_id}`, { secret: parentKey.secret, params }),
      [403, "forbidden"],
    );
    const stranger = creds.find((c) => c.name === "other workspace key");
    if (!stranger) throw new Error("no stranger");
    const own = { workspace_id: nodes.other.workspaceId, child_id: nodes.child.workspaceId };
    check(
      "other key → parent's child under its own workspace",
      await call(getChild, "GET", `/v1/workspaces/${own.workspace_id}/children/${own.child_id}`, { secret: stranger.secret, params: own }),
      [404, "child_workspace_not_found"],
    );
  });
});
