// GENERATED FILE — do not edit. Written by scripts/gen-route-manifest.ts from app/v1/**/route.ts;
// regenerate with `npm run routes:gen` (build and test run it first).
import * as r0 from "@/app/v1/apps/route";
import * as r1 from "@/app/v1/apps/[app_id]/route";
import * as r2 from "@/app/v1/apps/[app_id]/api_keys/route";
import * as r3 from "@/app/v1/apps/[app_id]/api_keys/[key_id]/route";
import * as r4 from "@/app/v1/auth/[app_id]/.well-known/jwks.json/route";
import * as r5 from "@/app/v1/auth/[app_id]/jwks/route";
import * as r6 from "@/app/v1/auth/[app_id]/public_key/route";
import * as r7 from "@/app/v1/health/route";
import * as r8 from "@/app/v1/openapi.json/route";
import * as r9 from "@/app/v1/ready/route";
import * as r10 from "@/app/v1/workspaces/route";
import * as r11 from "@/app/v1/workspaces/[workspace_id]/route";
import * as r12 from "@/app/v1/workspaces/[workspace_id]/api_keys/route";
import * as r13 from "@/app/v1/workspaces/[workspace_id]/api_keys/[key_id]/route";
import * as r14 from "@/app/v1/workspaces/[workspace_id]/apps/route";

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
  { path: "/v1/auth/{app_id}/.well-known/jwks.json", file: "app/v1/auth/[app_id]/.well-known/jwks.json/route.ts", module: r4 },
  { path: "/v1/auth/{app_id}/jwks", file: "app/v1/auth/[app_id]/jwks/route.ts", module: r5 },
  { path: "/v1/auth/{app_id}/public_key", file: "app/v1/auth/[app_id]/public_key/route.ts", module: r6 },
  { path: "/v1/health", file: "app/v1/health/route.ts", module: r7 },
  { path: "/v1/openapi.json", file: "app/v1/openapi.json/route.ts", module: r8 },
  { path: "/v1/ready", file: "app/v1/ready/route.ts", module: r9 },
  { path: "/v1/workspaces", file: "app/v1/workspaces/route.ts", module: r10 },
  { path: "/v1/workspaces/{workspace_id}", file: "app/v1/workspaces/[workspace_id]/route.ts", module: r11 },
  { path: "/v1/workspaces/{workspace_id}/api_keys", file: "app/v1/workspaces/[workspace_id]/api_keys/route.ts", module: r12 },
  { path: "/v1/workspaces/{workspace_id}/api_keys/{key_id}", file: "app/v1/workspaces/[workspace_id]/api_keys/[key_id]/route.ts", module: r13 },
  { path: "/v1/workspaces/{workspace_id}/apps", file: "app/v1/workspaces/[workspace_id]/apps/route.ts", module: r14 },
];
