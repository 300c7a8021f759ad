import type { AppRow } from "@/lib/apps/find-app";
import { getEnv } from "@/lib/env";

/** Where an emailed link lands: the app's own page (default) or Tessera's hosted landing page. */
export type MagicLinkLanding = "app" | "hosted";

/**
 * The emailed URL (spec §7): `{login_url or origin}?sct_magic=<jwt>` plus
 * `&sct_sk=true` when the requesting browser had no passkey support or the
 * app has passkeys off; existing query parameters of login_url are kept.
 * Built only from configuration (the app's URLs, TESSERA_BASE_URL), never
 * from request headers (threats T12).
 */
export function buildMagicLinkUrl(
  app: Pick<AppRow, "publicId" | "loginUrl" | "origin" | "passkeysEnabled">,
  token: string,
  opts: { webauthnEnabled: boolean; landing?: MagicLinkLanding },
): string {
  const url =
    opts.landing === "hosted"
      ? new URL(`/magic/${encodeURIComponent(app.publicId)}`, getEnv().baseUrl)
      : new URL(app.loginUrl ?? app.origin);
  url.searchParams.delete("sct_sk");
  url.searchParams.set("sct_magic", token);
  if (!opts.webauthnEnabled || !app.passkeysEnabled) url.searchParams.set("sct_sk", "true");
  return url.toString();
}
