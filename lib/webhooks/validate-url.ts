import { isIP } from "node:net";
import { AppError } from "@/lib/errors";
import { isBlockedAddress } from "@/lib/webhooks/address";
import { destinationProblem, type Resolver, webhookResolver } from "@/lib/webhooks/http-client";

const MAX_URL_LENGTH = 2048;
/** Well-known internal service ports a webhook may not target (threats 3.9), besides everything below 1024 but 443. */
const DENIED_PORTS = new Set([1433, 1521, 2049, 2375, 2376, 2379, 3306, 5432, 5984, 6379, 6443, 9042, 9200, 9300, 11211, 27017]);
/** Creation-time DNS check budget: a slow resolver must not hold the request (the send-time check is authoritative). */
const RESOLVE_TIMEOUT_MS = 2_000;

function blocked(reason: string): AppError {
  return new AppError({ code: "webhook_url_blocked", message: `Webhook URL not allowed: ${reason}`, errors: { url: [reason] } });
}

async function resolveWithin(resolver: Resolver, host: string): Promise<string[] | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), RESOLVE_TIMEOUT_MS);
  });
  try {
    const answers = await Promise.race([resolver(host).then((a) => a.map((x) => x.address)), timeout]);
    return answers;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Check a webhook URL at creation or update (fast feedback; every send checks
 * again at connect time, threats T29). Returns the normalised URL; throws 400
 * `webhook_url_blocked`. A name that does not resolve right now is accepted.
 */
export async function checkWebhookUrl(raw: string, opts: { allowPrivate: boolean; resolver?: Resolver }): Promise<string> {
  if (raw.length > MAX_URL_LENGTH) throw blocked(`longer than ${MAX_URL_LENGTH} characters`);
  if (/[\s\u0000-\u001f\u007f]/.test(raw)) throw blocked("contains whitespace or control characters");
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw blocked("not a valid absolute URL");
  }
  const problem = destinationProblem(url, opts.allowPrivate);
  if (problem === "insecure_url") throw blocked(opts.allowPrivate ? "must use https or http" : "must use https");
  if (problem === "invalid_url") throw blocked("must not contain a user name or password");
  if (problem) throw blocked("resolves to a private or reserved address");
  if (opts.allowPrivate) return url.toString();

  const port = url.port === "" ? 443 : Number(url.port);
  if (port !== 443 && (port < 1024 || DENIED_PORTS.has(port))) throw blocked(`port ${port} is not allowed`);
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (isIP(host)) return url.toString(); // literal already checked above
  if (host === "localhost" || host.endsWith(".localhost") || !host.includes(".")) {
    throw blocked("resolves to a private or reserved address");
  }
  const answers = await resolveWithin(opts.resolver ?? webhookResolver(), host);
  if (answers?.some(isBlockedAddress)) throw blocked("resolves to a private or reserved address");
  return url.toString();
}
