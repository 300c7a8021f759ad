import { afterAll, afterEach, describe, expect, it } from "vitest";
import { clientIp, markTesseraServer, PEER_HEADER } from "@/lib/api/client-ip";
import { resetEnvForTests } from "@/lib/env";

const SERVER_MARK = Symbol.for("tessera.server");
const savedProxies = process.env.TESSERA_TRUSTED_PROXIES;

function trust(proxies: string): void {
  process.env.TESSERA_TRUSTED_PROXIES = proxies;
  resetEnvForTests();
}

function req(headers: Record<string, string>): Request {
  return new Request("http://localhost:3999/v1/auth/app_x/otps/login", { headers });
}

afterEach(() => {
  if (savedProxies === undefined) delete process.env.TESSERA_TRUSTED_PROXIES;
  else process.env.TESSERA_TRUSTED_PROXIES = savedProxies;
  resetEnvForTests();
});
afterAll(() => {
  delete (globalThis as Record<symbol, unknown>)[SERVER_MARK];
});

describe("clientIp outside Tessera's server", () => {
  it("is null: the peer header could have come from anyone", () => {
    delete (globalThis as Record<symbol, unknown>)[SERVER_MARK];
    expect(clientIp(req({ [PEER_HEADER]: "203.0.113.9", "x-forwarded-for": "198.51.100.1" }))).toBeNull();
  });
});

describe("clientIp inside Tessera's server", () => {
  it("uses the socket peer and ignores X-Forwarded-For from an untrusted peer", () => {
    markTesseraServer();
    trust("");
    expect(clientIp(req({ [PEER_HEADER]: "203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientIp(req({ [PEER_HEADER]: "203.0.113.9", "x-forwarded-for": "198.51.100.1" }))).toBe("203.0.113.9");
    trust("10.0.0.0/8");
    expect(clientIp(req({ [PEER_HEADER]: "203.0.113.9", "x-forwarded-for": "198.51.100.1" }))).toBe("203.0.113.9");
  });

  it("is null when the server did not say who the peer is", () => {
    markTesseraServer();
    expect(clientIp(req({ "x-forwarded-for": "198.51.100.1" }))).toBeNull();
  });

  it("behind a trusted proxy, takes the right-most untrusted X-Forwarded-For hop", () => {
    markTesseraServer();
    trust("10.0.0.0/8, 192.168.1.7");
    const peer = { [PEER_HEADER]: "10.1.2.3" };
    expect(clientIp(req({ ...peer, "x-forwarded-for": "198.51.100.1" }))).toBe("198.51.100.1");
    // A client-supplied left-most entry cannot pick the address.
    expect(clientIp(req({ ...peer, "x-forwarded-for": "1.1.1.1, 198.51.100.1" }))).toBe("198.51.100.1");
    // Trusted hops (a CIDR and a single address) are skipped from the right.
    expect(clientIp(req({ ...peer, "x-forwarded-for": "6.6.6.6, 198.51.100.1, 192.168.1.7, 10.9.9.9" }))).toBe(
      "198.51.100.1",
    );
    // Garbage entries are ignored.
    expect(clientIp(req({ ...peer, "x-forwarded-for": "198.51.100.1, not-an-ip, unknown" }))).toBe("198.51.100.1");
    // No forwarding header: the proxy itself.
    expect(clientIp(req(peer))).toBe("10.1.2.3");
  });

  it("normalises IPv4-mapped IPv6 and bracketed addresses, for the peer and the hops", () => {
    markTesseraServer();
    trust("10.0.0.0/8");
    expect(clientIp(req({ [PEER_HEADER]: "::ffff:203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientIp(req({ [PEER_HEADER]: "[2001:db8::1]" }))).toBe("2001:db8::1");
    // A mapped trusted proxy is still trusted, and a mapped hop is reported as IPv4.
    expect(clientIp(req({ [PEER_HEADER]: "::ffff:10.0.0.1", "x-forwarded-for": "::ffff:198.51.100.1" }))).toBe(
      "198.51.100.1",
    );
  });

  it("supports IPv6 proxy ranges", () => {
    markTesseraServer();
    trust("fd00::/8");
    expect(clientIp(req({ [PEER_HEADER]: "fd12::1", "x-forwarded-for": "2001:db8::5" }))).toBe("2001:db8::5");
    expect(clientIp(req({ [PEER_HEADER]: "2001:db8::9", "x-forwarded-for": "2001:db8::5" }))).toBe("2001:db8::9");
  });
});
