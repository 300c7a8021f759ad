/**
 * The client address used for rate limits and audit fields. It comes from the
 * socket, which only Tessera's own server entry can see: scripts/serve.ts
 * overwrites `x-tessera-peer` with the socket address on every request (so a
 * client cannot set it) and marks the process. Forwarding headers are believed
 * only when that peer is a configured trusted proxy, and then the right-most
 * untrusted hop wins (threats T33).
 */
import { BlockList, isIP } from "node:net";
import { getEnv } from "@/lib/env";

export const PEER_HEADER = "x-tessera-peer";
const SERVER_MARK = Symbol.for("tessera.server");

export function markTesseraServer(): void {
  (globalThis as Record<symbol, unknown>)[SERVER_MARK] = true;
}

function isTesseraServer(): boolean {
  return (globalThis as Record<symbol, unknown>)[SERVER_MARK] === true;
}

let trusted: { list: BlockList; source: string } | undefined;

function trustedList(): BlockList {
  const source = getEnv().trustedProxies.join(",");
  if (trusted?.source === source) return trusted.list;
  const list = new BlockList();
  for (const entry of getEnv().trustedProxies) {
    const [addr = "", bits] = entry.split("/");
    const family = isIP(addr) === 6 ? "ipv6" : "ipv4";
    if (bits) list.addSubnet(addr, Number(bits), family);
    else list.addAddress(addr, family);
  }
  trusted = { list, source };
  return list;
}

function normalize(ip: string): string {
  const v = ip.trim().replace(/^\[|\]$/g, "");
  return v.startsWith("::ffff:") && isIP(v.slice(7)) === 4 ? v.slice(7) : v;
}

function isTrusted(ip: string): boolean {
  const kind = isIP(ip);
  if (!kind) return false;
  return trustedList().check(ip, kind === 6 ? "ipv6" : "ipv4");
}

/** The client IP of `req`, or null when unknown (in-process calls in tests). */
export function clientIp(req: Request): string | null {
  if (!isTesseraServer()) return null;
  const peerRaw = req.headers.get(PEER_HEADER);
  if (!peerRaw) return null;
  const peer = normalize(peerRaw);
  if (!isTrusted(peer)) return peer;
  const hops = (req.headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map(normalize)
    .filter((h) => isIP(h));
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i];
    if (hop && !isTrusted(hop)) return hop;
  }
  return peer;
}
