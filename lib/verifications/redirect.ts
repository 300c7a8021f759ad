/**
 * Redirect targets of verifications (spec §15.12; threats §3.8, T26). A
 * `redirect_url` must be an absolute http(s) URL on the app's `origin` or
 * `additional_origins`, checked at creation and again at redirect time (the
 * app's origins may have changed meanwhile). The raw string is checked before
 * any URL parsing, because parsers "repair" the classic bypasses:
 * `//evil.com` and `/\evil.com` (scheme-relative), `https:evil.com` (no
 * slashes), `https://app@evil.com` (userinfo), `https://app.test.evil.com`
 * (suffix), `javascript:` and other schemes, `%2f`/`%5c` (encoded slashes
 * and backslashes), control characters and whitespace.
 */
import type { AppRow } from "@/lib/apps/find-app";
import { AppError } from "@/lib/errors";
import { parseHttpUrl } from "@/lib/urls";

type OriginsOf = Pick<AppRow, "origin" | "additionalOrigins">;

const ABSOLUTE_HTTP = /^https?:\/\/[^/\\?#@]+(?:[/?#]|$)/i;
const FORBIDDEN = /[\\\s\u0000-\u001f\u007f]|%(?:2f|5c|00)/i;

/** Whether `raw` is a safe redirect target on one of the app's origins. */
export function isAllowedRedirect(raw: string, app: OriginsOf): boolean {
  if (raw.length > 2048 || !ABSOLUTE_HTTP.test(raw) || FORBIDDEN.test(raw)) return false;
  const url = parseHttpUrl(raw);
  if (!url) return false;
  return [app.origin, ...app.additionalOrigins].includes(url.origin);
}

/** `raw` if allowed, else 400 `invalid_redirect_url`. */
export function assertAllowedRedirect(raw: string, app: OriginsOf): string {
  if (!isAllowedRedirect(raw, app)) throw new AppError("invalid_redirect_url");
  return raw;
}

/** Fill `{key}` placeholders of the app's template from string/number `meta_data` values (URL-encoded). */
export function fillTemplate(template: string, metaData: Record<string, unknown>): string {
  return template.replace(/\{([A-Za-z0-9_.-]{1,64})\}/g, (_, key: string) => {
    const value = Object.hasOwn(metaData, key) ? metaData[key] : undefined;
    return typeof value === "string" || typeof value === "number" ? encodeURIComponent(String(value)) : "";
  });
}

/**
 * Where the recipient goes after completing: the verification's own
 * `redirect_url`, else the app's template filled from `meta_data`; null when
 * neither is set or the result is no longer on the app's origins.
 */
export function redirectTargetOf(
  row: { redirectUrl: string | null; metaData: Record<string, unknown> },
  app: OriginsOf & Pick<AppRow, "verificationRedirectUrlTemplate">,
): string | null {
  const raw = row.redirectUrl ?? (app.verificationRedirectUrlTemplate ? fillTemplate(app.verificationRedirectUrlTemplate, row.metaData) : null);
  return raw && isAllowedRedirect(raw, app) ? raw : null;
}

/** `target` with `scute_token=<jwt>` appended as a query parameter (before any fragment). */
export function withScuteToken(target: string, token: string): string {
  const url = new URL(target);
  url.searchParams.set("scute_token", token);
  return url.toString();
}
