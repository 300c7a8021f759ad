/** URL rules shared by app settings, redirects and branding. */

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Parse an app origin: `https://host[:port]`, or plain http for loopback hosts
 * only; no path, query, fragment or userinfo. Returns the normalised origin or null.
 */
export function parseOrigin(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && LOOPBACK.has(url.hostname))) return null;
  if (url.username || url.password || url.pathname !== "/" || /[?#]/.test(value)) return null;
  if (url.hostname.includes("*")) return null;
  return url.origin;
}

/** An absolute http(s) URL without userinfo; null otherwise. */
export function parseHttpUrl(value: string, { httpsOnly = false } = {}): URL | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  const okProtocol = url.protocol === "https:" || (!httpsOnly && url.protocol === "http:");
  if (!okProtocol || url.username || url.password || !url.hostname) return null;
  return url;
}

/** Whether `url` lies on one of `origins` (exact origin match after URL parsing). */
export function urlOnOrigins(url: string, origins: readonly string[]): boolean {
  const parsed = parseHttpUrl(url);
  return parsed !== null && origins.includes(parsed.origin);
}
