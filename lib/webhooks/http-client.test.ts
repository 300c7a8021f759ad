import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { guardedLookup, postWebhook, type Resolver, setWebhookResolverForTests } from "@/lib/webhooks/http-client";
import { checkWebhookUrl } from "@/lib/webhooks/validate-url";
import { type Receiver, startReceiver } from "@/test/webhooks-receiver";

let canary: Receiver;
let receiver: Receiver;
beforeAll(async () => {
  canary = await startReceiver();
  receiver = await startReceiver();
});
afterAll(async () => {
  await canary.close();
  await receiver.close();
});
afterEach(() => setWebhookResolverForTests(null));

const post = (url: string, allowPrivate: boolean, extra: { resolver?: Resolver; timeoutMs?: number } = {}) =>
  postWebhook({ url, body: '{"id":"x"}', headers: { "Content-Type": "application/json" }, allowPrivate, ...extra });

/** A DNS answer that flips from public to loopback after the first query (DNS rebinding). */
function rebinding(): { resolver: Resolver; calls: string[] } {
  const calls: string[] = [];
  const resolver: Resolver = async (host) => {
    calls.push(host);
    return calls.length === 1 ? [{ address: "93.184.216.34", family: 4 }] : [{ address: "127.0.0.1", family: 4 }];
  };
  return { resolver, calls };
}

describe("SSRF guard at connect time (threats T29)", () => {
  it("refuses a name that rebinds to loopback after the creation check, and never connects", async () => {
    const { resolver, calls } = rebinding();
    setWebhookResolverForTests(resolver);
    const url = `https://rebind.example:${canary.port}/hook`;
    // Creation: the name resolves to a public address, so the URL is accepted.
    await expect(checkWebhookUrl(url, { allowPrivate: false })).resolves.toBe(url);
    // Send: the same name now answers 127.0.0.1; the connection is refused before it is made.
    const result = await post(url, false);
    expect(result).toMatchObject({ ok: false, status: null, body: null, failureReason: "blocked_destination" });
    expect(calls).toEqual(["rebind.example", "rebind.example"]);
    expect(canary.connections).toBe(0);
  });

  it("refuses a name when any of its answers is private", async () => {
    const resolver: Resolver = async () => [
      { address: "93.184.216.34", family: 4 },
      { address: "::ffff:127.0.0.1", family: 6 },
    ];
    const result = await post(`https://mixed.example:${canary.port}/`, false, { resolver });
    expect(result.failureReason).toBe("blocked_destination");
    expect(canary.connections).toBe(0);
  });

  it.each([
    [`https://127.0.0.1:PORT/`],
    [`https://[::1]:PORT/`],
    [`https://[::ffff:127.0.0.1]:PORT/`],
    [`https://2130706433:PORT/`],
    [`https://0x7f000001:PORT/`],
    [`https://0:PORT/`],
  ])("refuses the literal %s without connecting", async (template) => {
    const result = await post(template.replace("PORT", String(canary.port)), false);
    expect(result.failureReason).toBe("blocked_destination");
    expect(canary.connections).toBe(0);
  });

  it("refuses http unless private targets are allowed", async () => {
    expect((await post(receiver.url, false)).failureReason).toBe("insecure_url");
    expect(receiver.received).toHaveLength(0);
    const allowed = await post(receiver.url, true);
    expect(allowed).toMatchObject({ ok: true, status: 200, body: "ok", failureReason: null });
  });

  it("hands node the checked address in the shape it asks for", async () => {
    const lookup = guardedLookup(async () => [{ address: "93.184.216.34", family: 4 }], false);
    const all = await new Promise((resolve) => lookup("x.example", { all: true }, (_e, a) => resolve(a)));
    expect(all).toEqual([{ address: "93.184.216.34", family: 4 }]);
    const one = await new Promise((resolve) => lookup("x.example", {}, (_e, a, f) => resolve([a, f])));
    expect(one).toEqual(["93.184.216.34", 4]);
    const none = await new Promise((resolve) => lookup("x.example", { family: 6 }, (e) => resolve((e as NodeJS.ErrnoException).code)));
    expect(none).toBe("ENOTFOUND");
  });
});

describe("responses", () => {
  it("treats a 3xx as a failure and never follows it", async () => {
    receiver.respond(() => ({ status: 302, headers: { location: canary.url } }));
    const result = await post(receiver.url, true);
    expect(result).toMatchObject({ ok: false, status: 302, failureReason: "redirect_not_followed (302)" });
    expect(canary.connections).toBe(0);
  });

  it("keeps only the first 1 KB of a large answer", async () => {
    receiver.respond(() => ({ status: 500, body: `${"a".repeat(2 * 1024 * 1024)}MARKER` }));
    const result = await post(receiver.url, true);
    expect(result).toMatchObject({ ok: false, status: 500, failureReason: "http_status (500)" });
    expect(result.body).toBe("a".repeat(1024));
  });

  it("gives up after the deadline", async () => {
    receiver.respond(() => ({ status: 200, delayMs: 1_000 }));
    const result = await post(receiver.url, true, { timeoutMs: 150 });
    expect(result).toMatchObject({ ok: false, status: null, failureReason: "timeout" });
    expect(result.durationMs).toBeLessThan(900);
  });

  it("reports a refused connection without throwing", async () => {
    const gone = await startReceiver();
    await gone.close();
    const result = await post(gone.url, true);
    expect(result).toMatchObject({ ok: false, status: null, failureReason: "connection_error: ECONNREFUSED" });
  });
});
