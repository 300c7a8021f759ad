import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import type { Resolver } from "@/lib/webhooks/http-client";
import { checkWebhookUrl } from "@/lib/webhooks/validate-url";

const toLoopback: Resolver = async () => [{ address: "127.0.0.1", family: 4 }];
const toPublic: Resolver = async () => [{ address: "93.184.216.34", family: 4 }];
const failing: Resolver = async () => {
  throw Object.assign(new Error("nope"), { code: "ENOTFOUND" });
};

async function code(url: string, resolver: Resolver = toPublic): Promise<string> {
  try {
    await checkWebhookUrl(url, { allowPrivate: false, resolver });
    return "ok";
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
}

describe("checkWebhookUrl, default profile (threats 3.9)", () => {
  it.each([
    "http://127.0.0.1/",
    "https://127.0.0.1/",
    "https://127.1/",
    "https://localhost/",
    "https://api.localhost/",
    "https://[::1]/",
    "https://0.0.0.0/",
    "https://0/",
    "https://2130706433/",
    "https://0x7f000001/",
    "https://017700000001/",
    "https://[::ffff:127.0.0.1]/",
    "https://[::ffff:7f00:1]/",
    "https://169.254.169.254/latest/meta-data/",
    "https://100.64.0.1/",
    "https://10.0.0.1/",
    "https://172.16.0.1/",
    "https://192.168.1.1/",
    "https://[fd00::1]/",
    "https://[fe80::1]/",
    "https://224.0.0.1/",
    "https://intranet/",
    "ftp://example.com/",
    "file:///etc/passwd",
    "gopher://example.com/",
    "javascript:alert(1)",
    "data:text/plain,hi",
    "https://user:pass@example.com/",
    "https://example.com:22/",
    "https://example.com:25/",
    "https://example.com:5432/",
    "https://example.com:6379/",
    "https://example.com:0/",
    `https://example.com/${"a".repeat(5000)}`,
    "https://example.com/a b",
    "https://example.com/\r\nX: y",
    "not a url",
    "/relative",
    "http://example.com/",
  ])("refuses %s", async (url) => {
    expect(await code(url)).toBe("webhook_url_blocked");
  });

  it("refuses names that resolve to loopback (127.0.0.1.nip.io, localtest.me)", async () => {
    expect(await code("https://127.0.0.1.nip.io/", toLoopback)).toBe("webhook_url_blocked");
    expect(await code("https://localtest.me/", toLoopback)).toBe("webhook_url_blocked");
  });

  it("accepts public https URLs, and names that do not resolve yet (checked again at send)", async () => {
    expect(await code("https://hooks.example.com/tessera?x=1")).toBe("ok");
    expect(await code("https://hooks.example.com:8443/")).toBe("ok");
    expect(await code("https://93.184.216.34/")).toBe("ok");
    expect(await code("https://not-yet.example.com/", failing)).toBe("ok");
  });

  it("allows http and loopback only when private targets are allowed", async () => {
    await expect(checkWebhookUrl("http://127.0.0.1:4000/hook", { allowPrivate: true })).resolves.toBe("http://127.0.0.1:4000/hook");
    await expect(checkWebhookUrl("http://localhost:4000/", { allowPrivate: true })).resolves.toBe("http://localhost:4000/");
    await expect(checkWebhookUrl("ftp://127.0.0.1/", { allowPrivate: true })).rejects.toMatchObject({ code: "webhook_url_blocked" });
  });
});
