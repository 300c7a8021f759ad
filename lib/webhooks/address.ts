/**
 * Which resolved addresses a webhook may connect to (threats T29). Anything
 * that is not a plain public unicast address is refused: loopback, private,
 * link-local (cloud metadata lives at 169.254.169.254), CGNAT, benchmarking,
 * documentation, multicast, reserved and unspecified IPv4 ranges; IPv6
 * loopback, unspecified, unique-local, link-local, site-local, multicast,
 * documentation, NAT64, 6to4 and Teredo; and IPv4-mapped or -compatible IPv6
 * forms of any blocked IPv4 address.
 */
import { BlockList, isIP } from "node:net";

const v4 = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8], // "this network", incl. 0.0.0.0
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // CGNAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12],
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // TEST-NET-1
  ["192.88.99.0", 24], // 6to4 relay anycast
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // TEST-NET-2
  ["203.0.113.0", 24], // TEST-NET-3
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const) {
  v4.addSubnet(net, bits, "ipv4");
}

const v6 = new BlockList();
for (const [net, bits] of [
  ["::", 128], // unspecified
  ["::1", 128], // loopback
  ["64:ff9b::", 96], // NAT64
  ["64:ff9b:1::", 48], // local-use NAT64
  ["100::", 64], // discard
  ["2001::", 32], // Teredo
  ["2001:db8::", 32], // documentation
  ["2002::", 16], // 6to4
  ["fc00::", 7], // unique-local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated)
  ["ff00::", 8], // multicast
] as const) {
  v6.addSubnet(net, bits, "ipv6");
}

/** The IPv4 address embedded in an IPv4-mapped (::ffff:a.b.c.d) or -compatible (::a.b.c.d) IPv6 address. */
function embeddedV4(address: string): string | null {
  const lower = address.toLowerCase();
  const dotted = /^::(?:ffff:(?:0:)?)?(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted?.[1]) return dotted[1];
  const hex = /^::(?:ffff:(?:0:)?)?([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex?.[1] && hex[2]) {
    const hi = parseInt(hex[1], 16);
    const lo = parseInt(hex[2], 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return null;
}

/** Whether `address` (an IP literal, brackets allowed) is a destination webhooks must never reach. Non-IPs are blocked. */
export function isBlockedAddress(address: string): boolean {
  const literal = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const family = isIP(literal);
  if (family === 4) return v4.check(literal, "ipv4");
  if (family !== 6) return true;
  const mapped = embeddedV4(literal);
  if (mapped) return v4.check(mapped, "ipv4");
  return v6.check(literal, "ipv6");
}
