import { describe, expect, it } from "vitest";
import { BlockedHostError, isBlockedAddress, resolveSmtpHost } from "@/lib/message-providers/smtp-host";

describe("SMTP host checks", () => {
  it("blocks loopback, private, link-local, CGNAT, unique-local and mapped forms", () => {
    for (const a of ["127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "::", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "not-an-ip"]) {
      expect(isBlockedAddress(a), a).toBe(true);
    }
    for (const a of ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111"]) expect(isBlockedAddress(a), a).toBe(false);
  });

  it("resolves literals and names, refusing blocked answers unless allowed", async () => {
    await expect(resolveSmtpHost("127.0.0.1", false)).rejects.toBeInstanceOf(BlockedHostError);
    await expect(resolveSmtpHost("[::1]", false)).rejects.toBeInstanceOf(BlockedHostError);
    await expect(resolveSmtpHost("localhost", false)).rejects.toBeInstanceOf(BlockedHostError);
    expect(await resolveSmtpHost("127.0.0.1", true)).toBe("127.0.0.1");
    expect(await resolveSmtpHost("8.8.8.8", false)).toBe("8.8.8.8");
  });
});
