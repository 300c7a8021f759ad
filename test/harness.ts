/**
 * Test harness: tenants made through the real verbs, and route handlers
 * called in-process with `new Request(...)` (no server).
 */
import { expect } from "vitest";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { createApp } from "@/lib/apps/create-app";
import type { AppRow } from "@/lib/apps/find-app";
import { systemCtx } from "@/lib/context";
import { randomBase62 } from "@/lib/ids";
import type { RouteContext } from "@/lib/api/route";
import type { WorkspaceRow } from "@/lib/tenancy";
import { createWorkspace } from "@/lib/workspaces/create-workspace";

export interface Tenant {
  workspace: WorkspaceRow;
  workspaceKey: string;
  app: AppRow;
  appKey: string;
}

/** A workspace with a workspace key, one app (origin https://app.test) and an app key. */
export async function createTenant(opts: { parentWorkspaceId?: string; name?: string } = {}): Promise<Tenant> {
  const ctx = systemCtx("test");
  const name = opts.name ?? `Test ${randomBase62(6)}`;
  const workspace = await createWorkspace({ ctx, input: { name, parentWorkspaceId: opts.parentWorkspaceId } });
  const { token: workspaceKey } = await createApiKey({
    ctx,
    input: { kind: "workspace", workspaceId: workspace.id, nickname: "test workspace key" },
  });
  const { app } = await createApp({
    ctx,
    input: { workspaceId: workspace.id, settings: { name: `${name} app`, origin: "https://app.test" } },
  });
  const { token: appKey } = await createApiKey({
    ctx,
    input: { kind: "app", workspaceId: workspace.id, appId: app.id, nickname: "test app key" },
  });
  return { workspace, workspaceKey, app, appKey };
}

type Handler = (req: Request, context: RouteContext) => Promise<Response>;

export interface CallOptions {
  params?: Record<string, string>;
  headers?: Record<string, string>;
  /** A JSON body (objects are serialised), or a raw string/FormData/URLSearchParams. */
  body?: unknown;
  query?: Record<string, string>;
  /** Bearer secret shorthand: sets `Authorization: Bearer <secret>`. */
  secret?: string;
}

export interface CallResult {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/** Call a route handler in-process. `path` is only used to build the URL. */
export async function call(handler: Handler, method: string, path: string, opts: CallOptions = {}): Promise<CallResult> {
  const url = new URL(path, "http://localhost:3999");
  for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
  const headers = new Headers(opts.headers);
  if (opts.secret) headers.set("authorization", `Bearer ${opts.secret}`);
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData || opts.body instanceof URLSearchParams || typeof opts.body === "string") {
    body = opts.body;
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const res = await handler(new Request(url, { method, headers, body }), {
    params: Promise.resolve(opts.params ?? {}),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

/** Assert a status, printing the body when it does not match. */
export function expectStatus(res: CallResult, status: number): void {
  expect(res.status, `unexpected status; body: ${res.text}`).toBe(status);
}

/** Assert the contract's error envelope (spec §1.6). */
export function expectError(res: CallResult, status: number, errorCode: string): void {
  expectStatus(res, status);
  expect(typeof res.body.error, `error must be a string; body: ${res.text}`).toBe("string");
  expect(res.body.error_code).toBe(errorCode);
  expect(res.headers.get("x-request-id")).toBeTruthy();
}
