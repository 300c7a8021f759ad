/**
 * The WebAuthn relying party a ceremony runs for (spec §9 shared rules).
 * - `api`: the app's own site, where its SDK runs: `rpID` = hostname of the
 *   app `origin`, allowed origins = `origin` + `additional_origins`.
 * - `hosted`: Tessera's hosted pages, served from this instance's base URL:
 *   `rpID` = its hostname, allowed origin = the base URL. A passkey is bound
 *   to the RP ID it was created for, so hosted-page passkeys work on hosted
 *   pages and SDK passkeys on the app's site.
 */
import type { AppRow } from "@/lib/apps/find-app";
import { getEnv } from "@/lib/env";
import { parseOrigin } from "@/lib/urls";

export type PasskeySurface = "api" | "hosted";

export interface RelyingParty {
  rpID: string;
  rpName: string;
  origins: string[];
}

export function relyingParty(app: Pick<AppRow, "name" | "origin" | "additionalOrigins">, surface: PasskeySurface): RelyingParty {
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
  return { rpID: origin.hostname, rpName: app.name, origins };
}

/** Whether `origin`'s host is `rpID` or a subdomain of it (a browser never pairs them otherwise). */
export function originMatchesRpId(origin: string, rpID: string): boolean {
  let host: string;
  try {
    host = new URL(origin).hostname;
  } catch {
    return false;
  }
  return host === rpID || host.endsWith(`.${rpID}`);
}
