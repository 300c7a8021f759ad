// GENERATED FILE — do not edit. Written by scripts/gen-route-manifest.ts from app/v1/**/route.ts;
// regenerate with `npm run routes:gen` (build and test run it first).
import * as r0 from "@/app/v1/apps/route";
import * as r1 from "@/app/v1/apps/[app_id]/route";
import * as r2 from "@/app/v1/apps/[app_id]/api_keys/route";
import * as r3 from "@/app/v1/apps/[app_id]/api_keys/[key_id]/route";
import * as r4 from "@/app/v1/apps/[app_id]/auth_providers/route";
import * as r5 from "@/app/v1/apps/[app_id]/events/route";
import * as r6 from "@/app/v1/apps/[app_id]/m2m/refresh/route";
import * as r7 from "@/app/v1/apps/[app_id]/m2m/session/route";
import * as r8 from "@/app/v1/apps/[app_id]/m2m/sessions/route";
import * as r9 from "@/app/v1/apps/[app_id]/m2m/sessions/[id]/route";
import * as r10 from "@/app/v1/apps/[app_id]/m2m/token/route";
import * as r11 from "@/app/v1/apps/[app_id]/m2m/verify/route";
import * as r12 from "@/app/v1/apps/[app_id]/message_service_providers/route";
import * as r13 from "@/app/v1/apps/[app_id]/message_service_providers/[id]/route";
import * as r14 from "@/app/v1/apps/[app_id]/outbox/route";
import * as r15 from "@/app/v1/apps/[app_id]/user_meta_fields/route";
import * as r16 from "@/app/v1/apps/[app_id]/user_meta_fields/positions/route";
import * as r17 from "@/app/v1/apps/[app_id]/user_meta_fields/[id]/route";
import * as r18 from "@/app/v1/apps/[app_id]/users/[id]/sessions/route";
import * as r19 from "@/app/v1/apps/[app_id]/users/[id]/sessions/[session_id]/route";
import * as r20 from "@/app/v1/apps/[app_id]/webhooks/route";
import * as r21 from "@/app/v1/apps/[app_id]/webhooks/event_types/route";
import * as r22 from "@/app/v1/apps/[app_id]/webhooks/[id]/route";
import * as r23 from "@/app/v1/apps/[app_id]/webhooks/[id]/deliveries/route";
import * as r24 from "@/app/v1/apps/[app_id]/webhooks/[id]/deliveries/[delivery_id]/replay/route";
import * as r25 from "@/app/v1/apps/[app_id]/webhooks/[id]/rotate_secret/route";
import * as r26 from "@/app/v1/apps/[app_id]/webhooks/[id]/test/route";
import * as r27 from "@/app/v1/auth/m2m/token/route";
import * as r28 from "@/app/v1/auth/[app_id]/.well-known/jwks.json/route";
import * as r29 from "@/app/v1/auth/[app_id]/challenges/route";
import * as r30 from "@/app/v1/auth/[app_id]/challenges/[token]/route";
import * as r31 from "@/app/v1/auth/[app_id]/challenges/[token]/deny/route";
import * as r32 from "@/app/v1/auth/[app_id]/challenges/[token]/resend/route";
import * as r33 from "@/app/v1/auth/[app_id]/challenges/[token]/verify/route";
import * as r34 from "@/app/v1/auth/[app_id]/current_user/route";
import * as r35 from "@/app/v1/auth/[app_id]/current_user/meta/route";
import * as r36 from "@/app/v1/auth/[app_id]/devices/finalize/route";
import * as r37 from "@/app/v1/auth/[app_id]/devices/register/route";
import * as r38 from "@/app/v1/auth/[app_id]/devices/[id]/route";
import * as r39 from "@/app/v1/auth/[app_id]/jwks/route";
import * as r40 from "@/app/v1/auth/[app_id]/magic_links/authenticate/route";
import * as r41 from "@/app/v1/auth/[app_id]/magic_links/confirm_invite/route";
import * as r42 from "@/app/v1/auth/[app_id]/magic_links/login/route";
import * as r43 from "@/app/v1/auth/[app_id]/magic_links/register/route";
import * as r44 from "@/app/v1/auth/[app_id]/magic_links/status/route";
import * as r45 from "@/app/v1/auth/[app_id]/mfa/backup-codes/route";
import * as r46 from "@/app/v1/auth/[app_id]/mfa/enroll/route";
import * as r47 from "@/app/v1/auth/[app_id]/mfa/enroll/verify/route";
import * as r48 from "@/app/v1/auth/[app_id]/mfa/methods/route";
import * as r49 from "@/app/v1/auth/[app_id]/mfa/methods/[id]/route";
import * as r50 from "@/app/v1/auth/[app_id]/mfa/status/route";
import * as r51 from "@/app/v1/auth/[app_id]/oauth/authorize/route";
import * as r52 from "@/app/v1/auth/[app_id]/oauth/callback/route";
import * as r53 from "@/app/v1/auth/[app_id]/otps/login/route";
import * as r54 from "@/app/v1/auth/[app_id]/otps/verify/route";
import * as r55 from "@/app/v1/auth/[app_id]/public_key/route";
import * as r56 from "@/app/v1/auth/[app_id]/sessions/route";
import * as r57 from "@/app/v1/auth/[app_id]/sessions/[id]/route";
import * as r58 from "@/app/v1/auth/[app_id]/tokens/force_refresh/route";
import * as r59 from "@/app/v1/auth/[app_id]/tokens/refresh/route";
import * as r60 from "@/app/v1/auth/[app_id]/tokens/rotate_access/route";
import * as r61 from "@/app/v1/auth/[app_id]/tokens/verify/access/route";
import * as r62 from "@/app/v1/auth/[app_id]/tokens/verify/refresh/route";
import * as r63 from "@/app/v1/auth/[app_id]/users/route";
import * as r64 from "@/app/v1/auth/[app_id]/users/metafields/route";
import * as r65 from "@/app/v1/auth/[app_id]/webauthn/login/finalize/route";
import * as r66 from "@/app/v1/auth/[app_id]/webauthn/login/initialize/route";
import * as r67 from "@/app/v1/auth/[app_id]/webauthn/register/finalize/route";
import * as r68 from "@/app/v1/auth/[app_id]/webauthn/register/initialize/route";
import * as r69 from "@/app/v1/health/route";
import * as r70 from "@/app/v1/notifications/route";
import * as r71 from "@/app/v1/notifications/read_all/route";
import * as r72 from "@/app/v1/notifications/stats/route";
import * as r73 from "@/app/v1/notifications/[notification_id]/route";
import * as r74 from "@/app/v1/notifications/[notification_id]/dismiss/route";
import * as r75 from "@/app/v1/notifications/[notification_id]/read/route";
import * as r76 from "@/app/v1/openapi.json/route";
import * as r77 from "@/app/v1/ready/route";
import * as r78 from "@/app/v1/verify/[app_id]/autocomplete/route";
import * as r79 from "@/app/v1/verify/[app_id]/tokens/exchange/route";
import * as r80 from "@/app/v1/verify/[app_id]/v/[link_token]/route";
import * as r81 from "@/app/v1/verify/[app_id]/verifications/route";
import * as r82 from "@/app/v1/verify/[app_id]/verifications/intent/route";
import * as r83 from "@/app/v1/verify/[app_id]/verifications/[id]/route";
import * as r84 from "@/app/v1/verify/[app_id]/verifications/[id]/approve/route";
import * as r85 from "@/app/v1/verify/[app_id]/verifications/[id]/deny/route";
import * as r86 from "@/app/v1/verify/[app_id]/verifications/[id]/resend/route";
import * as r87 from "@/app/v1/verify/[app_id]/verifications/[id]/verify/route";
import * as r88 from "@/app/v1/workspaces/route";
import * as r89 from "@/app/v1/workspaces/[workspace_id]/route";
import * as r90 from "@/app/v1/workspaces/[workspace_id]/api_keys/route";
import * as r91 from "@/app/v1/workspaces/[workspace_id]/api_keys/[key_id]/route";
import * as r92 from "@/app/v1/workspaces/[workspace_id]/apps/route";
import * as r93 from "@/app/v1/workspaces/[workspace_id]/children/route";
import * as r94 from "@/app/v1/workspaces/[workspace_id]/children/[child_id]/route";
import * as r95 from "@/app/v1/workspaces/[workspace_id]/memberships/route";
import * as r96 from "@/app/v1/workspaces/[workspace_id]/memberships/[membership_id]/route";
import * as r97 from "@/app/v1/workspaces/[workspace_id]/sessions/route";
import * as r98 from "@/app/v1/[app_id]/users/route";
import * as r99 from "@/app/v1/[app_id]/users/export/route";
import * as r100 from "@/app/v1/[app_id]/users/import/route";
import * as r101 from "@/app/v1/[app_id]/users/invite/route";
import * as r102 from "@/app/v1/[app_id]/users/[id]/route";
import * as r103 from "@/app/v1/[app_id]/users/[id]/activate/route";
import * as r104 from "@/app/v1/[app_id]/users/[id]/deactivate/route";
import * as r105 from "@/app/v1/[app_id]/users/[id]/sessions/route";
import * as r106 from "@/app/v1/[app_id]/users/[id]/sessions/[session_id]/route";

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
  { path: "/v1/apps/{app_id}/auth_providers", file: "app/v1/apps/[app_id]/auth_providers/route.ts", module: r4 },
  { path: "/v1/apps/{app_id}/events", file: "app/v1/apps/[app_id]/events/route.ts", module: r5 },
  { path: "/v1/apps/{app_id}/m2m/refresh", file: "app/v1/apps/[app_id]/m2m/refresh/route.ts", module: r6 },
  { path: "/v1/apps/{app_id}/m2m/session", file: "app/v1/apps/[app_id]/m2m/session/route.ts", module: r7 },
  { path: "/v1/apps/{app_id}/m2m/sessions", file: "app/v1/apps/[app_id]/m2m/sessions/route.ts", module: r8 },
  { path: "/v1/apps/{app_id}/m2m/sessions/{id}", file: "app/v1/apps/[app_id]/m2m/sessions/[id]/route.ts", module: r9 },
  { path: "/v1/apps/{app_id}/m2m/token", file: "app/v1/apps/[app_id]/m2m/token/route.ts", module: r10 },
  { path: "/v1/apps/{app_id}/m2m/verify", file: "app/v1/apps/[app_id]/m2m/verify/route.ts", module: r11 },
  { path: "/v1/apps/{app_id}/message_service_providers", file: "app/v1/apps/[app_id]/message_service_providers/route.ts", module: r12 },
  { path: "/v1/apps/{app_id}/message_service_providers/{id}", file: "app/v1/apps/[app_id]/message_service_providers/[id]/route.ts", module: r13 },
  { path: "/v1/apps/{app_id}/outbox", file: "app/v1/apps/[app_id]/outbox/route.ts", module: r14 },
  { path: "/v1/apps/{app_id}/user_meta_fields", file: "app/v1/apps/[app_id]/user_meta_fields/route.ts", module: r15 },
  { path: "/v1/apps/{app_id}/user_meta_fields/positions", file: "app/v1/apps/[app_id]/user_meta_fields/positions/route.ts", module: r16 },
  { path: "/v1/apps/{app_id}/user_meta_fields/{id}", file: "app/v1/apps/[app_id]/user_meta_fields/[id]/route.ts", module: r17 },
  { path: "/v1/apps/{app_id}/users/{id}/sessions", file: "app/v1/apps/[app_id]/users/[id]/sessions/route.ts", module: r18 },
  { path: "/v1/apps/{app_id}/users/{id}/sessions/{session_id}", file: "app/v1/apps/[app_id]/users/[id]/sessions/[session_id]/route.ts", module: r19 },
  { path: "/v1/apps/{app_id}/webhooks", file: "app/v1/apps/[app_id]/webhooks/route.ts", module: r20 },
  { path: "/v1/apps/{app_id}/webhooks/event_types", file: "app/v1/apps/[app_id]/webhooks/event_types/route.ts", module: r21 },
  { path: "/v1/apps/{app_id}/webhooks/{id}", file: "app/v1/apps/[app_id]/webhooks/[id]/route.ts", module: r22 },
  { path: "/v1/apps/{app_id}/webhooks/{id}/deliveries", file: "app/v1/apps/[app_id]/webhooks/[id]/deliveries/route.ts", module: r23 },
  { path: "/v1/apps/{app_id}/webhooks/{id}/deliveries/{delivery_id}/replay", file: "app/v1/apps/[app_id]/webhooks/[id]/deliveries/[delivery_id]/replay/route.ts", module: r24 },
  { path: "/v1/apps/{app_id}/webhooks/{id}/rotate_secret", file: "app/v1/apps/[app_id]/webhooks/[id]/rotate_secret/route.ts", module: r25 },
  { path: "/v1/apps/{app_id}/webhooks/{id}/test", file: "app/v1/apps/[app_id]/webhooks/[id]/test/route.ts", module: r26 },
  { path: "/v1/auth/m2m/token", file: "app/v1/auth/m2m/token/route.ts", module: r27 },
  { path: "/v1/auth/{app_id}/.well-known/jwks.json", file: "app/v1/auth/[app_id]/.well-known/jwks.json/route.ts", module: r28 },
  { path: "/v1/auth/{app_id}/challenges", file: "app/v1/auth/[app_id]/challenges/route.ts", module: r29 },
  { path: "/v1/auth/{app_id}/challenges/{token}", file: "app/v1/auth/[app_id]/challenges/[token]/route.ts", module: r30 },
  { path: "/v1/auth/{app_id}/challenges/{token}/deny", file: "app/v1/auth/[app_id]/challenges/[token]/deny/route.ts", module: r31 },
  { path: "/v1/auth/{app_id}/challenges/{token}/resend", file: "app/v1/auth/[app_id]/challenges/[token]/resend/route.ts", module: r32 },
  { path: "/v1/auth/{app_id}/challenges/{token}/verify", file: "app/v1/auth/[app_id]/challenges/[token]/verify/route.ts", module: r33 },
  { path: "/v1/auth/{app_id}/current_user", file: "app/v1/auth/[app_id]/current_user/route.ts", module: r34 },
  { path: "/v1/auth/{app_id}/current_user/meta", file: "app/v1/auth/[app_id]/current_user/meta/route.ts", module: r35 },
  { path: "/v1/auth/{app_id}/devices/finalize", file: "app/v1/auth/[app_id]/devices/finalize/route.ts", module: r36 },
  { path: "/v1/auth/{app_id}/devices/register", file: "app/v1/auth/[app_id]/devices/register/route.ts", module: r37 },
  { path: "/v1/auth/{app_id}/devices/{id}", file: "app/v1/auth/[app_id]/devices/[id]/route.ts", module: r38 },
  { path: "/v1/auth/{app_id}/jwks", file: "app/v1/auth/[app_id]/jwks/route.ts", module: r39 },
  { path: "/v1/auth/{app_id}/magic_links/authenticate", file: "app/v1/auth/[app_id]/magic_links/authenticate/route.ts", module: r40 },
  { path: "/v1/auth/{app_id}/magic_links/confirm_invite", file: "app/v1/auth/[app_id]/magic_links/confirm_invite/route.ts", module: r41 },
  { path: "/v1/auth/{app_id}/magic_links/login", file: "app/v1/auth/[app_id]/magic_links/login/route.ts", module: r42 },
  { path: "/v1/auth/{app_id}/magic_links/register", file: "app/v1/auth/[app_id]/magic_links/register/route.ts", module: r43 },
  { path: "/v1/auth/{app_id}/magic_links/status", file: "app/v1/auth/[app_id]/magic_links/status/route.ts", module: r44 },
  { path: "/v1/auth/{app_id}/mfa/backup-codes", file: "app/v1/auth/[app_id]/mfa/backup-codes/route.ts", module: r45 },
  { path: "/v1/auth/{app_id}/mfa/enroll", file: "app/v1/auth/[app_id]/mfa/enroll/route.ts", module: r46 },
  { path: "/v1/auth/{app_id}/mfa/enroll/verify", file: "app/v1/auth/[app_id]/mfa/enroll/verify/route.ts", module: r47 },
  { path: "/v1/auth/{app_id}/mfa/methods", file: "app/v1/auth/[app_id]/mfa/methods/route.ts", module: r48 },
  { path: "/v1/auth/{app_id}/mfa/methods/{id}", file: "app/v1/auth/[app_id]/mfa/methods/[id]/route.ts", module: r49 },
  { path: "/v1/auth/{app_id}/mfa/status", file: "app/v1/auth/[app_id]/mfa/status/route.ts", module: r50 },
  { path: "/v1/auth/{app_id}/oauth/authorize", file: "app/v1/auth/[app_id]/oauth/authorize/route.ts", module: r51 },
  { path: "/v1/auth/{app_id}/oauth/callback", file: "app/v1/auth/[app_id]/oauth/callback/route.ts", module: r52 },
  { path: "/v1/auth/{app_id}/otps/login", file: "app/v1/auth/[app_id]/otps/login/route.ts", module: r53 },
  { path: "/v1/auth/{app_id}/otps/verify", file: "app/v1/auth/[app_id]/otps/verify/route.ts", module: r54 },
  { path: "/v1/auth/{app_id}/public_key", file: "app/v1/auth/[app_id]/public_key/route.ts", module: r55 },
  { path: "/v1/auth/{app_id}/sessions", file: "app/v1/auth/[app_id]/sessions/route.ts", module: r56 },
  { path: "/v1/auth/{app_id}/sessions/{id}", file: "app/v1/auth/[app_id]/sessions/[id]/route.ts", module: r57 },
  { path: "/v1/auth/{app_id}/tokens/force_refresh", file: "app/v1/auth/[app_id]/tokens/force_refresh/route.ts", module: r58 },
  { path: "/v1/auth/{app_id}/tokens/refresh", file: "app/v1/auth/[app_id]/tokens/refresh/route.ts", module: r59 },
  { path: "/v1/auth/{app_id}/tokens/rotate_access", file: "app/v1/auth/[app_id]/tokens/rotate_access/route.ts", module: r60 },
  { path: "/v1/auth/{app_id}/tokens/verify/access", file: "app/v1/auth/[app_id]/tokens/verify/access/route.ts", module: r61 },
  { path: "/v1/auth/{app_id}/tokens/verify/refresh", file: "app/v1/auth/[app_id]/tokens/verify/refresh/route.ts", module: r62 },
  { path: "/v1/auth/{app_id}/users", file: "app/v1/auth/[app_id]/users/route.ts", module: r63 },
  { path: "/v1/auth/{app_id}/users/metafields", file: "app/v1/auth/[app_id]/users/metafields/route.ts", module: r64 },
  { path: "/v1/auth/{app_id}/webauthn/login/finalize", file: "app/v1/auth/[app_id]/webauthn/login/finalize/route.ts", module: r65 },
  { path: "/v1/auth/{app_id}/webauthn/login/initialize", file: "app/v1/auth/[app_id]/webauthn/login/initialize/route.ts", module: r66 },
  { path: "/v1/auth/{app_id}/webauthn/register/finalize", file: "app/v1/auth/[app_id]/webauthn/register/finalize/route.ts", module: r67 },
  { path: "/v1/auth/{app_id}/webauthn/register/initialize", file: "app/v1/auth/[app_id]/webauthn/register/initialize/route.ts", module: r68 },
  { path: "/v1/health", file: "app/v1/health/route.ts", module: r69 },
  { path: "/v1/notifications", file: "app/v1/notifications/route.ts", module: r70 },
  { path: "/v1/notifications/read_all", file: "app/v1/notifications/read_all/route.ts", module: r71 },
  { path: "/v1/notifications/stats", file: "app/v1/notifications/stats/route.ts", module: r72 },
  { path: "/v1/notifications/{notification_id}", file: "app/v1/notifications/[notification_id]/route.ts", module: r73 },
  { path: "/v1/notifications/{notification_id}/dismiss", file: "app/v1/notifications/[notification_id]/dismiss/route.ts", module: r74 },
  { path: "/v1/notifications/{notification_id}/read", file: "app/v1/notifications/[notification_id]/read/route.ts", module: r75 },
  { path: "/v1/openapi.json", file: "app/v1/openapi.json/route.ts", module: r76 },
  { path: "/v1/ready", file: "app/v1/ready/route.ts", module: r77 },
  { path: "/v1/verify/{app_id}/autocomplete", file: "app/v1/verify/[app_id]/autocomplete/route.ts", module: r78 },
  { path: "/v1/verify/{app_id}/tokens/exchange", file: "app/v1/verify/[app_id]/tokens/exchange/route.ts", module: r79 },
  { path: "/v1/verify/{app_id}/v/{link_token}", file: "app/v1/verify/[app_id]/v/[link_token]/route.ts", module: r80 },
  { path: "/v1/verify/{app_id}/verifications", file: "app/v1/verify/[app_id]/verifications/route.ts", module: r81 },
  { path: "/v1/verify/{app_id}/verifications/intent", file: "app/v1/verify/[app_id]/verifications/intent/route.ts", module: r82 },
  { path: "/v1/verify/{app_id}/verifications/{id}", file: "app/v1/verify/[app_id]/verifications/[id]/route.ts", module: r83 },
  { path: "/v1/verify/{app_id}/verifications/{id}/approve", file: "app/v1/verify/[app_id]/verifications/[id]/approve/route.ts", module: r84 },
  { path: "/v1/verify/{app_id}/verifications/{id}/deny", file: "app/v1/verify/[app_id]/verifications/[id]/deny/route.ts", module: r85 },
  { path: "/v1/verify/{app_id}/verifications/{id}/resend", file: "app/v1/verify/[app_id]/verifications/[id]/resend/route.ts", module: r86 },
  { path: "/v1/verify/{app_id}/verifications/{id}/verify", file: "app/v1/verify/[app_id]/verifications/[id]/verify/route.ts", module: r87 },
  { path: "/v1/workspaces", file: "app/v1/workspaces/route.ts", module: r88 },
  { path: "/v1/workspaces/{workspace_id}", file: "app/v1/workspaces/[workspace_id]/route.ts", module: r89 },
  { path: "/v1/workspaces/{workspace_id}/api_keys", file: "app/v1/workspaces/[workspace_id]/api_keys/route.ts", module: r90 },
  { path: "/v1/workspaces/{workspace_id}/api_keys/{key_id}", file: "app/v1/workspaces/[workspace_id]/api_keys/[key_id]/route.ts", module: r91 },
  { path: "/v1/workspaces/{workspace_id}/apps", file: "app/v1/workspaces/[workspace_id]/apps/route.ts", module: r92 },
  { path: "/v1/workspaces/{workspace_id}/children", file: "app/v1/workspaces/[workspace_id]/children/route.ts", module: r93 },
  { path: "/v1/workspaces/{workspace_id}/children/{child_id}", file: "app/v1/workspaces/[workspace_id]/children/[child_id]/route.ts", module: r94 },
  { path: "/v1/workspaces/{workspace_id}/memberships", file: "app/v1/workspaces/[workspace_id]/memberships/route.ts", module: r95 },
  { path: "/v1/workspaces/{workspace_id}/memberships/{membership_id}", file: "app/v1/workspaces/[workspace_id]/memberships/[membership_id]/route.ts", module: r96 },
  { path: "/v1/workspaces/{workspace_id}/sessions", file: "app/v1/workspaces/[workspace_id]/sessions/route.ts", module: r97 },
  { path: "/v1/{app_id}/users", file: "app/v1/[app_id]/users/route.ts", module: r98 },
  { path: "/v1/{app_id}/users/export", file: "app/v1/[app_id]/users/export/route.ts", module: r99 },
  { path: "/v1/{app_id}/users/import", file: "app/v1/[app_id]/users/import/route.ts", module: r100 },
  { path: "/v1/{app_id}/users/invite", file: "app/v1/[app_id]/users/invite/route.ts", module: r101 },
  { path: "/v1/{app_id}/users/{id}", file: "app/v1/[app_id]/users/[id]/route.ts", module: r102 },
  { path: "/v1/{app_id}/users/{id}/activate", file: "app/v1/[app_id]/users/[id]/activate/route.ts", module: r103 },
  { path: "/v1/{app_id}/users/{id}/deactivate", file: "app/v1/[app_id]/users/[id]/deactivate/route.ts", module: r104 },
  { path: "/v1/{app_id}/users/{id}/sessions", file: "app/v1/[app_id]/users/[id]/sessions/route.ts", module: r105 },
  { path: "/v1/{app_id}/users/{id}/sessions/{session_id}", file: "app/v1/[app_id]/users/[id]/sessions/[session_id]/route.ts", module: r106 },
];
