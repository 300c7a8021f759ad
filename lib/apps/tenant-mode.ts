/**
 * `tenant_mode: verify_only` (spec §15.12): such an app exposes only
 * verification flows. Its sign-in and session routes under
 * `/v1/auth/{app_id}/…` answer 403 `tenant_mode_verify_only`; its JWKS and
 * public key stay reachable (apps verify `scute_token` with them), and so do
 * `/v1/verify/…` and the admin routes.
 */
import { findLiveAppCached } from "@/lib/apps/find-app";
import { AppError } from "@/lib/errors";

/** Path families under /v1/auth/{app_id}/ that stay open for verify-only apps. */
const VERIFY_ONLY_OPEN = new Set(["jwks", ".well-known", "public_key"]);

/** The sign-in family a path belongs to, or null when the path is not an app sign-in route. */
export function signInFamily(pathname: string): string | null {
  const match = /^\/v1\/auth\/([^/]+)\/([^/]+)/.exec(pathname);
  if (!match || match[1] === "m2m") return null;
  const family = match[2] ?? "";
  return VERIFY_ONLY_OPEN.has(family) ? null : family;
}

/** Throw 403 `tenant_mode_verify_only` when `pathname` is a sign-in route of a verify-only app. */
export async function assertTenantModeAllows(
  pathname: string,
  rawParams: Record<string, string | string[] | undefined>,
): Promise<void> {
  if (signInFamily(pathname) === null) return;
  const appId = rawParams.app_id;
  if (typeof appId !== "string") return;
  const app = await findLiveAppCached(appId);
  if (app?.tenantMode === "verify_only") throw new AppError("tenant_mode_verify_only");
}
