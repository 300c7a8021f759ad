/**
 * Webhook signatures (spec §16.4, threats T30).
 *
 * `X-Webhook-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`
 * — the Stripe scheme; the HMAC key is the whole secret string (`whsec_…`), as
 * Stripe's verifiers use it. During a secret rotation one `v1` per live secret
 * is sent (new first), so receivers holding either secret accept.
 *
 * For receivers using a Standard Webhooks library the same delivery also
 * carries `webhook-id`, `webhook-timestamp` and `webhook-signature`
 * (`v1,<base64 HMAC-SHA256(base64-decoded secret, "<id>.<t>.<body>")>`, one per
 * live secret, space separated). The body is serialized once; every header
 * signs those exact bytes.
 */
import { createHmac } from "node:crypto";
import { safeEqual } from "@/lib/crypto";

export const SIGNATURE_HEADER = "X-Webhook-Signature";
/** Receivers should refuse signatures older (or newer) than this (Stripe, Standard Webhooks). */
export const DEFAULT_TOLERANCE_SECONDS = 300;
const SECRET_PREFIX = "whsec_";

export function hmacHex(secret: string, t: number, body: string): string {
  return createHmac("sha256", secret).update(`${t}.${body}`, "utf8").digest("hex");
}

/** The `X-Webhook-Signature` value for `body` signed at `t` with each of `secrets`. */
export function signatureHeader(body: string, secrets: string[], t: number): string {
  return [`t=${t}`, ...secrets.map((s) => `v1=${hmacHex(s, t, body)}`)].join(",");
}

/**
 * Our receiver-side check: the raw body, a constant-time compare against every
 * `v1`, and a timestamp within `toleranceSeconds` of now in either direction.
 */
export function verifySignature(
  header: string,
  body: string,
  secret: string,
  opts: { now?: Date; toleranceSeconds?: number } = {},
): boolean {
  const parts = header.split(",").map((p) => p.trim());
  const ts = parts.filter((p) => p.startsWith("t="));
  if (ts.length !== 1) return false;
  const tText = (ts[0] ?? "").slice(2);
  if (!/^\d{1,12}$/.test(tText)) return false;
  const t = Number(tText);
  const now = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - t) > (opts.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return false;
  const expected = hmacHex(secret, t, body);
  let match = false;
  for (const p of parts) {
    // No early exit: every candidate is compared.
    if (p.startsWith("v1=") && safeEqual(p.slice(3).toLowerCase(), expected)) match = true;
  }
  return match;
}

function standardKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, "base64");
}

/** Standard Webhooks headers for the same delivery (see the header comment). */
export function standardWebhookHeaders(id: string, body: string, secrets: string[], t: number): Record<string, string> {
  const signatures = secrets.map(
    (s) => `v1,${createHmac("sha256", standardKey(s)).update(`${id}.${t}.${body}`, "utf8").digest("base64")}`,
  );
  return { "webhook-id": id, "webhook-timestamp": String(t), "webhook-signature": signatures.join(" ") };
}
