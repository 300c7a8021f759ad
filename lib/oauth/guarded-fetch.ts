/**
 * The fetch openid-client uses for every request to a provider (discovery,
 * JWKS, token, UserInfo, GitHub's API): threats T29. The destination is
 * checked at connect time — every address a name resolves to must be on the
 * public internet (no loopback, private, link-local, CGNAT, unique-local or
 * mapped forms), and the connection goes to the address that was checked,
 * so DNS rebinding cannot slip between check and connect. Redirects are
 * never followed (openid-client asks for `redirect: manual`), bodies are
 * capped at 1 MiB. A local instance (development, the test suite's loopback
 * provider) may reach any address.
 */
import { type LookupAddress, lookup as dnsLookup } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import type { CustomFetch } from "openid-client";
import { getEnv } from "@/lib/env";
import { isNonPublicIpLiteral } from "@/lib/oauth/issuer-url";

const MAX_BODY_BYTES = 1024 * 1024;

export class BlockedDestinationError extends Error {
  readonly code = "EBLOCKED_DESTINATION";
  constructor(host: string) {
    super(`blocked destination: ${host} is not a public address`);
    this.name = "BlockedDestinationError";
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** dns.lookup that refuses names resolving to any non-public address. */
export function publicOnlyLookup(hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback): void {
  dnsLookup(hostname, { family: options.family ?? 0, all: true }, (err, addresses) => {
    if (err) return callback(err, "");
    const list = addresses as LookupAddress[];
    if (list.length === 0 || list.some((a) => isNonPublicIpLiteral(a.address))) return callback(new BlockedDestinationError(hostname), "");
    if (options.all) return callback(null, list);
    const first = list[0] as LookupAddress;
    return callback(null, first.address, first.family);
  });
}

function toBuffer(body: unknown): Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") return Buffer.from(body);
  if (body instanceof URLSearchParams) return Buffer.from(body.toString());
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError("unsupported request body");
}

export const guardedFetch: CustomFetch = (url, options) =>
  new Promise<Response>((resolve, reject) => {
    const target = new URL(url);
    const allowPrivate = getEnv().isLocalInstance;
    if (target.protocol !== "https:" && target.protocol !== "http:") return reject(new TypeError("unsupported protocol"));
    const host = target.hostname.replace(/^\[|\]$/g, "");
    if (!allowPrivate && isIP(host) && isNonPublicIpLiteral(host)) return reject(new BlockedDestinationError(host));
    const body = toBuffer(options.body);
    const headers: Record<string, string> = { ...options.headers };
    if (body) headers["content-length"] = String(body.length);
    const request = (target.protocol === "https:" ? https : http).request(target, {
      method: options.method,
      headers,
      signal: options.signal,
      ...(allowPrivate ? {} : { lookup: publicOnlyLookup as unknown as typeof dnsLookup }),
    });
    request.on("error", reject);
    request.on("response", (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          res.destroy(new Error("provider response too large"));
          return;
        }
        chunks.push(chunk);
      });
      res.on("error", reject);
      res.on("end", () => {
        const out = new Headers();
        for (const [k, v] of Object.entries(res.headers)) {
          if (Array.isArray(v)) for (const item of v) out.append(k, item);
          else if (v !== undefined) out.set(k, v);
        }
        const status = res.statusCode ?? 502;
        const nullBody = status === 204 || status === 304 || options.method === "HEAD";
        resolve(new Response(nullBody ? null : Buffer.concat(chunks), { status, statusText: res.statusMessage, headers: out }));
      });
    });
    request.end(body);
  });
