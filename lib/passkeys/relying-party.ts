/**
 * The WebAuthn relying party a ceremony runs for (spec §9 shared rules).
 * - `api`: the app's own site, where its SDK runs: `rpID` = the app's
 *   `webauthn_rp_id` (a parent domain of every origin, e.g. `example.com`
 *   for `https://login.example.com`) or else the hostname of the app
 *   `origin`; allowed origins = `origin` + `additional_origins`, exactly.
 * - `hosted`: Tessera's hosted pages, served from this instance's base URL:
 *   `rpID` = its hostname, allowed origin = the base URL. A passkey is bound
 *   to the RP ID it was created for, so hosted-page passkeys work on hosted
 *   pages and SDK passkeys on the app's site.
 */
import type { AppRow } from "@/lib/apps/find-app";
import { getEnv } from "@/lib/env";
import { hostWithinRpId } from "@/lib/passkeys/rp-id";
import { parseOrigin } from "@/lib/urls";

export type PasskeySurface = "api" | "hosted";

export interface RelyingParty {
  rpID: string;
  rpName: string;
  origins: string[];
}

type RpApp = Pick<AppRow, "name" | "origin" | "additionalOrigins"> & Partial<Pick<AppRow, "webauthnRpId">>;

export function relyingParty(app: RpApp, surface: PasskeySurface): RelyingParty {
  if (surface === "hosted") {
    const base = new URL(getEnv().baseUrl);
    return { rpID: base.hostname, rpName: app.name, origins: [base.origin] };
  }
  const origin = new URL(app.origin);
  const origins = [origin.origin];
  for (const extra of app.additionalOrigins) {
    const parsed = parseOrigin(extra);
    if (parsed && !origins.includes(parsed)) origins.push(parsed);
  }
  return { rpID: apiRpId(app.webauthnRpId ?? null, origin.hostname), rpName: app.name, origins };
}

/**
 * The configured parent domain when it still covers the origin's host (the
 * settings verbs keep it so); otherwise the host itself, since a browser
 * would refuse every ceremony for an RP ID its page's host is not within.
 */
function apiRpId(configured: string | null, host: string): string {
  return configured && hostWithinRpId(host, configured) ? configured : host;
}

/** Whether `origin`'s host is `rpID` or a subdomain of it (a browser never pairs them otherwise). */
export function originMatchesRpId(origin: string, rpID: string): boolean {
  let host: string;
  try {
    host = new URL(origin).hostname;
  } catch {
    return false;
  }
  return hostWithinRpId(host, rpID);
}
