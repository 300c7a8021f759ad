import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { newWebhookSecret } from "@/lib/webhooks/secret";
import { hmacHex, signatureHeader, standardWebhookHeaders, verifySignature } from "@/lib/webhooks/signature";

const body = JSON.stringify({ id: "0193c0de-0000-7000-8000-000000000001", event_type: "user.created", data: { email: "a@b.test" } });
const secret = newWebhookSecret();
const now = new Date("2026-12-02T12:00:00Z");
const t = Math.floor(now.getTime() / 1000);

describe("signatureHeader / verifySignature (spec §16.4)", () => {
  it("signs `<t>.<body>` with HMAC-SHA256 in lowercase hex, as the spec describes", () => {
    const header = signatureHeader(body, [secret], t);
    // Recomputed here from the spec text, not with our helper.
    const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
    expect(header).toBe(`t=${t},v1=${expected}`);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  });

  it("accepts a valid header and refuses tampering, staleness and malformed headers", () => {
    const header = signatureHeader(body, [secret], t);
    expect(verifySignature(header, body, secret, { now })).toBe(true);
    expect(verifySignature(header, `${body} `, secret, { now })).toBe(false);
    expect(verifySignature(header, body, newWebhookSecret(), { now })).toBe(false);
    expect(verifySignature(header, body, secret, { now: new Date(now.getTime() + 301_000) })).toBe(false);
    expect(verifySignature(header, body, secret, { now: new Date(now.getTime() - 301_000) })).toBe(false);
    expect(verifySignature(header, body, secret, { now: new Date(now.getTime() + 299_000) })).toBe(true);
    expect(verifySignature(header.replace(/^t=\d+,/, ""), body, secret, { now })).toBe(false);
    expect(verifySignature(`t=${t},${header}`, body, secret, { now })).toBe(false); // duplicate t
    expect(verifySignature(`t=${t},v1=`, body, secret, { now })).toBe(false);
    // Uppercase hex and spaces after commas are tolerated.
    expect(verifySignature(`t=${t}, v1=${hmacHex(secret, t, body).toUpperCase()}`, body, secret, { now })).toBe(true);
  });

  it("carries one v1 per live secret during a rotation; either secret verifies", () => {
    const old = newWebhookSecret();
    const header = signatureHeader(body, [secret, old], t);
    expect(header.split(",")).toHaveLength(3);
    expect(verifySignature(header, body, secret, { now })).toBe(true);
    expect(verifySignature(header, body, old, { now })).toBe(true);
    // A header where only the second v1 matches passes.
    expect(verifySignature(`t=${t},v1=${"0".repeat(64)},v1=${hmacHex(old, t, body)}`, body, old, { now })).toBe(true);
  });

  it("emits Standard Webhooks headers the standardwebhooks library verifies, with either secret", () => {
    const old = newWebhookSecret();
    const id = "msg_0193c0de";
    const nowT = Math.floor(Date.now() / 1000);
    const headers = standardWebhookHeaders(id, body, [secret, old], nowT);
    expect(headers["webhook-id"]).toBe(id);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(new Webhook(old).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(secret).verify(`${body}x`, headers)).toThrow();
  });
});
