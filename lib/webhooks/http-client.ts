/**
 * The one outbound HTTP client for webhooks (deliveries, replays and test
 * sends), hardened against SSRF (threats T29):
 * - https only, unless TESSERA_WEBHOOKS_ALLOW_PRIVATE (then http and private
 *   targets are allowed too: development and tests);
 * - the name is resolved by our own `lookup`, which refuses the connection if
 *   ANY answer is a blocked address (./address.ts) and hands the socket the
 *   very address it checked: there is no second resolution a rebinding DNS
 *   server could answer differently; IP-literal hosts (which never reach
 *   `lookup`) are checked before connecting;
 * - redirects are never followed (node:http does not follow them; a 3xx is a
 *   failed attempt), one 10 s deadline covers connect, TLS, headers and body;
 * - at most RESPONSE_BODY_LIMIT bytes of the answer are read and kept, for the
 *   owner's delivery log only.
 */
import { lookup as dnsLookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { isBlockedAddress } from "@/lib/webhooks/address";
import { RESPONSE_BODY_LIMIT, SEND_TIMEOUT_MS } from "@/lib/webhooks/config";

export interface ResolvedAddress {
  address: string;
  family: number;
}
/** Resolve a host name to every address it has (getaddrinfo by default). */
export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

const systemResolver: Resolver = async (host) => dnsLookup(host, { all: true, verbatim: true });

const RESOLVER_KEY = Symbol.for("tessera.webhooks.resolver");
type ResolverHolder = { [RESOLVER_KEY]?: Resolver };

/** Tests only: answer DNS for webhook hosts (a fake rebinding server); `null` restores the system resolver. */
export function setWebhookResolverForTests(resolver: Resolver | null): void {
  const g = globalThis as ResolverHolder;
  if (resolver) g[RESOLVER_KEY] = resolver;
  else delete g[RESOLVER_KEY];
}

export function webhookResolver(): Resolver {
  return (globalThis as ResolverHolder)[RESOLVER_KEY] ?? systemResolver;
}

export class BlockedDestinationError extends Error {
  readonly code = "EBLOCKED";
  constructor(host: string) {
    super(`${host} resolves to a private or reserved address`);
    this.name = "BlockedDestinationError";
  }
}

/**
 * A `lookup` for net/tls sockets that resolves through `resolver` and refuses
 * blocked answers (unless `allowPrivate`). Answers in the shape node asks for
 * (`all: true` with autoSelectFamily, a single address otherwise).
 */
export function guardedLookup(resolver: Resolver, allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    resolver(hostname).then(
      (answers) => {
        const wanted = options.family === 4 || options.family === 6 ? answers.filter((a) => a.family === options.family) : answers;
        if (wanted.length === 0) {
          const err = Object.assign(new Error(`${hostname} did not resolve`), { code: "ENOTFOUND" });
          callback(err, "", 0);
          return;
        }
        // Every answer counts: a name with one public and one private address is refused.
        if (!allowPrivate && answers.some((a) => isBlockedAddress(a.address))) {
          callback(new BlockedDestinationError(hostname), "", 0);
          return;
        }
        if (options.all) callback(null, wanted);
        else {
          const [first] = wanted;
          callback(null, first?.address ?? "", first?.family ?? 4);
        }
      },
      (error: unknown) => callback(error as NodeJS.ErrnoException, "", 0),
    );
  };
}

export interface PostInput {
  url: string;
  headers: Record<string, string>;
  body: string;
  allowPrivate: boolean;
  timeoutMs?: number;
  resolver?: Resolver;
}

export interface PostResult {
  /** A 2xx arrived in time. */
  ok: boolean;
  status: number | null;
  /** First RESPONSE_BODY_LIMIT bytes of the answer (UTF-8, lossy), or null when there was no answer. */
  body: string | null;
  durationMs: number;
  /** Why the attempt failed (never the receiver's body); null on success. */
  failureReason: string | null;
}

function failureFor(error: unknown, timedOut: boolean): string {
  if (timedOut) return "timeout";
  if (error instanceof BlockedDestinationError) return "blocked_destination";
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? `connection_error: ${code}` : "connection_error";
}

/** Whether the host and scheme of `url` may be contacted at all (address checks of literals included). */
export function destinationProblem(url: URL, allowPrivate: boolean): string | null {
  if (url.protocol !== "https:" && !(allowPrivate && url.protocol === "http:")) return "insecure_url";
  if (url.username || url.password) return "invalid_url";
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!allowPrivate && isIP(host) && isBlockedAddress(host)) return "blocked_destination";
  return null;
}

/** POST `body` to `url` once, under the rules above. Never throws for network outcomes. */
export async function postWebhook(input: PostInput): Promise<PostResult> {
  const started = performance.now();
  const elapsed = () => Math.max(0, Math.round(performance.now() - started));
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    return { ok: false, status: null, body: null, durationMs: 0, failureReason: "invalid_url" };
  }
  const problem = destinationProblem(url, input.allowPrivate);
  if (problem) return { ok: false, status: null, body: null, durationMs: 0, failureReason: problem };

  const payload = Buffer.from(input.body, "utf8");
  const transport = url.protocol === "https:" ? https : http;
  const timeoutMs = input.timeoutMs ?? SEND_TIMEOUT_MS;

  return new Promise<PostResult>((resolve) => {
    let settled = false;
    let timedOut = false;
    const finish = (result: PostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = transport.request(
      url,
      {
        method: "POST",
        // A fresh connection per attempt: no pooled socket resolved earlier is reused.
        agent: false,
        lookup: guardedLookup(input.resolver ?? webhookResolver(), input.allowPrivate),
        headers: { ...input.headers, "Content-Length": String(payload.length) },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let kept = 0;
        const done = () => {
          const body = Buffer.concat(chunks).toString("utf8");
          const ok = status >= 200 && status < 300;
          const failureReason = ok
            ? null
            : status >= 300 && status < 400
              ? `redirect_not_followed (${status})`
              : `http_status (${status})`;
          finish({ ok, status, body, durationMs: elapsed(), failureReason });
          res.destroy();
        };
        res.on("data", (chunk: Buffer) => {
          if (kept < RESPONSE_BODY_LIMIT) {
            const part = chunk.subarray(0, RESPONSE_BODY_LIMIT - kept);
            chunks.push(part);
            kept += part.length;
          }
          // Enough kept: stop reading a large (or endless) body.
          if (kept >= RESPONSE_BODY_LIMIT) done();
        });
        res.on("end", done);
        res.on("error", () => done());
      },
    );
    const timer = setTimeout(() => {
      timedOut = true;
      req.destroy(new Error("timeout"));
    }, timeoutMs);
    req.on("error", (error) => finish({ ok: false, status: null, body: null, durationMs: elapsed(), failureReason: failureFor(error, timedOut) }));
    req.end(payload);
  });
}
