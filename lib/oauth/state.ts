/**
 * The OAuth `state` (spec §6.4): `<state id>.<HMAC>` where the HMAC (a key
 * derived from the instance secret) binds the id to the app, so a forged or
 * edited state is refused before any lookup. The `oauth_states` row keeps it
 * single-use. A second HMAC of the id, set as a cookie on the browser that
 * started the flow, binds the callback to that browser (login CSRF: a victim
 * cannot be sent an attacker's callback URL).
 */
import { createHmac, hkdfSync } from "node:crypto";
import { safeEqual } from "@/lib/crypto";
import { getEnv, getInstanceSecret } from "@/lib/env";
import { isUuid } from "@/lib/ids";

let cachedKey: { secret: string; key: Buffer } | undefined;

function key(): Buffer {
  const secret = getInstanceSecret();
  if (cachedKey?.secret !== secret) {
    cachedKey = { secret, key: Buffer.from(hkdfSync("sha256", secret, "tessera", "tessera:oauth_state", 32)) };
  }
  return cachedKey.key;
}

function mac(label: string, appId: string, stateId: string): string {
  return createHmac("sha256", key()).update(`${label}\n${appId}\n${stateId}`).digest("base64url");
}

/** The `state` parameter for a state row of an app. */
export function signState(appId: string, stateId: string): string {
  return `${stateId}.${mac("state", appId, stateId)}`;
}

/** The state row id carried by a `state` value, if its signature is right for this app; else null. */
export function verifyState(appId: string, value: string | undefined): string | null {
  if (!value || value.length > 200) return null;
  const dot = value.indexOf(".");
  if (dot < 0) return null;
  const id = value.slice(0, dot);
  if (!isUuid(id)) return null;
  return safeEqual(value.slice(dot + 1), mac("state", appId, id)) ? id : null;
}

export const BINDING_COOKIE = "tessera_oauth";

/** The browser-binding cookie value of a state row. */
export function bindingValue(appId: string, stateId: string): string {
  return mac("browser", appId, stateId);
}

/** `Set-Cookie` for the binding: httpOnly, scoped to the callback path, ten minutes. */
export function bindingCookie(callbackPath: string, value: string, opts: { formPost?: boolean; maxAge?: number } = {}): string {
  const secure = getEnv().baseUrl.startsWith("https:");
  // A form_post callback (Apple) is a cross-site POST: only SameSite=None (which needs Secure) travels with it.
  const sameSite = opts.formPost && secure ? "None" : "Lax";
  return [
    `${BINDING_COOKIE}=${value}`,
    `Path=${callbackPath}`,
    `Max-Age=${opts.maxAge ?? 600}`,
    "HttpOnly",
    `SameSite=${sameSite}`,
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

/** The binding cookie's value in a request, if any. */
export function readBindingCookie(request: Request): string | null {
  const header = request.headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === BINDING_COOKIE) return rest.join("=") || null;
  }
  return null;
}

/** Whether the request carries the binding cookie of this state. */
export function bindingMatches(request: Request, appId: string, stateId: string): boolean {
  const value = readBindingCookie(request);
  return value !== null && safeEqual(value, bindingValue(appId, stateId));
}
