import { isIP } from "node:net";
import { getEnv } from "@/lib/env";
import { parseHttpUrl } from "@/lib/urls";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Private, loopback, link-local and other non-public IPv4/IPv6 literals (threats T29). */
export function isNonPublicIpLiteral(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const family = isIP(host);
  if (family === 4) {
    const [a = 0, b = 0] = host.split(".").map(Number);
    return (
      a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || a >= 224
    );
  }
  if (family === 6) {
    return host === "::" || host === "::1" || host.startsWith("fc") || host.startsWith("fd") || host.startsWith("fe80") ||
      host.startsWith("::ffff:") || host.startsWith("64:ff9b:");
  }
  return false;
}

/**
 * An OpenID Connect issuer URL an admin may configure (trimmed), or null: `https` only, no userinfo, query or fragment, and
 * no IP literal outside the public internet. Plain `http` to a loopback host is
 * allowed only on a local instance (development, the test suite's provider).
 */
export function parseIssuerUrl(value: string): string | null {
  const url = parseHttpUrl(value.trim());
  if (!url || url.search || url.hash || /[?#]/.test(value)) return null;
  const local = getEnv().isLocalInstance && LOOPBACK.has(url.hostname);
  if (url.protocol !== "https:" && !local) return null;
  if (!local && (LOOPBACK.has(url.hostname) || isNonPublicIpLiteral(url.hostname))) return null;
  return value.trim();
}

/** Whether requests to this issuer may use plain http (loopback on a local instance only). */
export function allowsInsecure(issuer: string): boolean {
  const url = parseHttpUrl(issuer);
  return url !== null && url.protocol === "http:" && getEnv().isLocalInstance && LOOPBACK.has(url.hostname);
}
