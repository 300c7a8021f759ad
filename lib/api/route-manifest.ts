// GENERATED FILE — do not edit. Written by scripts/gen-route-manifest.ts from app/v1/**/route.ts;
// regenerate with `npm run routes:gen` (build and test run it first).
import * as r0 from "@/app/v1/apps/route";
import * as r1 from "@/app/v1/apps/[app_id]/route";
import * as r2 from "@/app/v1/apps/[app_id]/api_keys/route";
import * as r3 from "@/app/v1/apps/[app_id]/api_keys/[key_id]/route";
import * as r4 from "@/app/v1/apps/[app_id]/outbox/route";
import * as r5 from "@/app/v1/auth/[app_id]/.well-known/jwks.json/route";
import * as r6 from "@/app/v1/auth/[app_id]/current_user/route";
import * as r7 from "@/app/v1/auth/[app_id]/current_user/meta/route";
import * as r8 from "@/app/v1/auth/[app_id]/jwks/route";
import * as r9 from "@/app/v1/auth/[app_id]/magic_links/authenticate/route";
import * as r10 from "@/app/v1/auth/[app_id]/magic_links/confirm_invite/route";
import * as r11 from "@/app/v1/auth/[app_id]/magic_links/login/route";
import * as r12 from "@/app/v1/auth/[app_id]/magic_links/register/route";
import * as r13 from "@/app/v1/auth/[app_id]/magic_links/status/route";
import * as r14 from "@/app/v1/auth/[app_id]/otps/login/route";
import * as r15 from "@/app/v1/auth/[app_id]/otps/verify/route";
import * as r16 from "@/app/v1/auth/[app_id]/public_key/route";
import * as r17 from "@/app/v1/auth/[app_id]/sessions/route";
import * as r18 from "@/app/v1/auth/[app_id]/sessions/[id]/route";
import * as r19 from "@/app/v1/auth/[app_id]/tokens/force_refresh/route";
import * as r20 from "@/app/v1/auth/[app_id]/tokens/refresh/route";
import * as r21 from "@/app/v1/auth/[app_id]/tokens/rotate_access/route";
import * as r22 from "@/app/v1/auth/[app_id]/tokens/verify/access/route";
import * as r23 from "@/app/v1/auth/[app_id]/tokens/verify/refresh/route";
import * as r24 from "@/app/v1/auth/[app_id]/users/route";
import * as r25 from "@/app/v1/auth/[app_id]/users/metafields/route";
import * as r26 from "@/app/v1/health/route";
import * as r27 from "@/app/v1/openapi.json/route";
import * as r28 from "@/app/v1/ready/route";
import * as r29 from "@/app/v1/workspaces/route";
import * as r30 from "@/app/v1/workspaces/[workspace_id]/route";
import * as r31 from "@/app/v1/workspaces/[workspace_id]/api_keys/route";
import * as r32 from "@/app/v1/workspaces/[workspace_id]/api_keys/[key_id]/route";
import * as r33 from "@/app/v1/workspaces/[workspace_id]/apps/route";

export interface RouteManifestEntry {
  /** OpenAPI path template, e.g. `/v1/apps/{app_id}`. */
  readonly path: string;
  /** Source file, relative to the repository root. */
  readonly file: string;
  /** The route module: its exported HTTP method handlers carry `.spec`. */
  readonly module: Readonly<Record<string, unknown>>;
}

export const routeManifest: readonly RouteManifestEntry[] = [
  { path: "/v1/apps", file: "app/v1/apps/route.ts", module: r0 },
  { path: "/v1/apps/{app_id}", file: "app/v1/apps/[app_id]/route.ts", module: r1 },
  { path: "/v1/apps/{app_id}/api_keys", file: "app/v1/apps/[app_id]/api_keys/route.ts", module: r2 },
  { path: "/v1/apps/{app_id}/api_keys/{key_id}", file: "app/v1/apps/[app_id]/api_keys/[key_id]/route.ts", module: r3 },
  { path: "/v1/apps/{app_id}/outbox", file: "app/v1/apps/[app_id]/outbox/route.ts", module: r4 },
  { path: "/v1/auth/{app_id}/.well-known/jwks.json", file: "app/v1/auth/[app_id]/.well-known/jwks.json/route.ts", module: r5 },
  { path: "/v1/auth/{app_id}/current_user", file: "app/v1/auth/[app_id]/current_user/route.ts", module: r6 },
  { path: "/v1/auth/{app_id}/current_user/meta", file: "app/v1/auth/[app_id]/current_user/meta/route.ts", module: r7 },
  { path: "/v1/auth/{app_id}/jwks", file: "app/v1/auth/[app_id]/jwks/route.ts", module: r8 },
  { path: "/v1/auth/{app_id}/magic_links/authenticate", file: "app/v1/auth/[app_id]/magic_links/authenticate/route.ts", module: r9 },
  { path: "/v1/auth/{app_id}/magic_links/confirm_invite", file: "app/v1/auth/[app_id]/magic_links/confirm_invite/route.ts", module: r10 },
  { path: "/v1/auth/{app_id}/magic_links/login", file: "app/v1/auth/[app_id]/magic_links/login/route.ts", module: r11 },
  { path: "/v1/auth/{app_id}/magic_links/register", file: "app/v1/auth/[app_id]/magic_links/register/route.ts", module: r12 },
  { path: "/v1/auth/{app_id}/magic_links/status", file: "app/v1/auth/[app_id]/magic_links/status/route.ts", module: r13 },
  { path: "/v1/auth/{app_id}/otps/login", file: "app/v1/auth/[app_id]/otps/login/route.ts", module: r14 },
  { path: "/v1/auth/{app_id}/otps/verify", file: "app/v1/auth/[app_id]/otps/verify/route.ts", module: r15 },
  { path: "/v1/auth/{app_id}/public_key", file: "app/v1/auth/[app_id]/public_key/route.ts", module: r16 },
  { path: "/v1/auth/{app_id}/sessions", file: "app/v1/auth/[app_id]/sessions/route.ts", module: r17 },
  { path: "/v1/auth/{app_id}/sessions/{id}", file: "app/v1/auth/[app_id]/sessions/[id]/route.ts", module: r18 },
  { path: "/v1/auth/{app_id}/tokens/force_refresh", file: "app/v1/auth/[app_id]/tokens/force_refresh/route.ts", module: r19 },
  { path: "/v1/auth/{app_id}/tokens/refresh", file: "app/v1/auth/[app_id]/tokens/refresh/route.ts", module: r20 },
  { path: "/v1/auth/{app_id}/tokens/rotate_access", file: "app/v1/auth/[app_id]/tokens/rotate_access/route.ts", module: r21 },
  { path: "/v1/auth/{app_id}/tokens/verify/access", file: "app/v1/auth/[app_id]/tokens/verify/access/route.ts", module: r22 },
  { path: "/v1/auth/{app_id}/tokens/verify/refresh", file: "app/v1/auth/[app_id]/tokens/verify/refresh/route.ts", module: r23 },
  { path: "/v1/auth/{app_id}/users", file: "app/v1/auth/[app_id]/users/route.ts", module: r24 },
  { path: "/v1/auth/{app_id}/users/metafields", file: "app/v1/auth/[app_id]/users/metafields/route.ts", module: r25 },
  { path: "/v1/health", file: "app/v1/health/route.ts", module: r26 },
  { path: "/v1/openapi.json", file: "app/v1/openapi.json/route.ts", module: r27 },
  { path: "/v1/ready", file: "app/v1/ready/route.ts", module: r28 },
  { path: "/v1/workspaces", file: "app/v1/workspaces/route.ts", module: r29 },
  { path: "/v1/workspaces/{workspace_id}", file: "app/v1/workspaces/[workspace_id]/route.ts", module: r30 },
  { path: "/v1/workspaces/{workspace_id}/api_keys", file: "app/v1/workspaces/[workspace_id]/api_keys/route.ts", module: r31 },
  { path: "/v1/workspaces/{workspace_id}/api_keys/{key_id}", file: "app/v1/workspaces/[workspace_id]/api_keys/[key_id]/route.ts", module: r32 },
  { path: "/v1/workspaces/{workspace_id}/apps", file: "app/v1/workspaces/[workspace_id]/apps/route.ts", module: r33 },
];
