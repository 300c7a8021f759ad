/**
 * Test helpers for webhooks: a scriptable loopback receiver that records every
 * request (raw body, headers, arrival time), and the switch that lets the
 * SSRF-guarded client reach loopback (TESSERA_WEBHOOKS_ALLOW_PRIVATE), and
 * a setter for the other webhook variables.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resetEnvForTests } from "@/lib/env";

export interface Received {
  n: number;
  at: number;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The status actually written back (set once the response is flushed). */
  answered?: number;
}

export interface Reply {
  status: number;
  body?: string;
  headers?: Record<string, string>;
  delayMs?: number;
}

export type Responder = (req: Received) => Reply;

export interface Receiver {
  url: string;
  port: number;
  received: Received[];
  /** TCP connections accepted (a canary must see zero). */
  connections: number;
  respond: (fn: Responder) => void;
  waitFor: (count: number, timeoutMs?: number) => Promise<Received[]>;
  close: () => Promise<void>;
}

export async function startReceiver(responder: Responder = () => ({ status: 200, body: "ok" })): Promise<Receiver> {
  let respond = responder;
  const received: Received[] = [];
  const state = { connections: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const rec: Received = {
        n: received.length + 1,
        at: Date.now(),
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      received.push(rec);
      const reply = respond(rec);
      const send = () => {
        if (res.destroyed) return;
        res.on("finish", () => {
          rec.answered = reply.status;
        });
        res.writeHead(reply.status, reply.headers ?? { "content-type": "text/plain" });
        res.end(reply.body ?? "");
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs);
      else send();
    });
  });
  server.on("connection", () => state.connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    received,
    get connections() {
      return state.connections;
    },
    respond: (fn) => {
      respond = fn;
    },
    waitFor: async (count, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`receiver got ${received.length} of ${count} requests in ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return received;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Let (or stop letting) webhooks reach loopback and private addresses over http. */
export function setWebhooksAllowPrivate(allow: boolean): void {
  if (allow) process.env.TESSERA_WEBHOOKS_ALLOW_PRIVATE = "true";
  else delete process.env.TESSERA_WEBHOOKS_ALLOW_PRIVATE;
  resetEnvForTests();
}

/**
 * Set webhook variables (e.g. TESSERA_WEBHOOK_RETRY_BASE_SECONDS) for a test
 * file; `undefined` unsets one. lib/env.ts parses process.env once, so both
 * this and the returned restore function make it re-read the environment.
 */
export function setWebhookEnv(vars: Record<string, string | undefined>): () => void {
  const previous = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnvForTests();
  };
  apply(vars);
  return () => apply(previous);
}
