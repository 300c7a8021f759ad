/**
 * Where an app's SMTP provider may connect (threats T29): an app admin
 * chooses the host, so by default it must resolve only to public addresses —
 * never loopback, private, link-local, CGNAT, unique-local, multicast or
 * unspecified ranges (nor their IPv4-mapped forms). The check returns the
 * address it checked, and the transport connects to that address (with the
 * host name kept for TLS), so DNS cannot answer differently in between.
 * TESSERA_SMTP_ALLOW_PRIVATE lifts the rule for self-hosted relays and tests.
 */
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

const blocked = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  blocked.addSubnet(net, bits, "ipv4");
}
for (const [net, bits] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
  ["64:ff9b::", 96],
  ["2001:db8::", 32],
] as const) {
  blocked.addSubnet(net, bits, "ipv6");
}

/** Whether `address` (an IP literal) lies in a range an app's SMTP host may not use. */
export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, "ipv4");
  if (family !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return blocked.check(mapped, "ipv4");
  return blocked.check(address, "ipv6");
}

export class BlockedHostError extends Error {
  constructor(host: string) {
    super(`SMTP host ${host} resolves to a private or reserved address`);
    this.name = "BlockedHostError";
  }
}

/** The address to connect to for `host`; throws BlockedHostError when any answer is blocked. */
export async function resolveSmtpHost(host: string, allowPrivate: boolean): Promise<string> {
  const literal = host.replace(/^\[|\]$/g, "");
  const answers = isIP(literal) ? [literal] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  if (answers.length === 0) throw new Error(`SMTP host ${host} did not resolve`);
  if (!allowPrivate && answers.some(isBlockedAddress)) throw new BlockedHostError(host);
  return answers[0] as string;
}
