import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { AddressPool, closedLoop, openLoop } from "./load";
import { parseStat } from "./proc";
import { median, quantile } from "./stats";

let server: http.Server | null = null;

async function serve(handler: http.RequestListener): Promise<number> {
  server = http.createServer(handler);
  await new Promise<void>((r) => server?.listen(0, "127.0.0.1", r));
  return (server.address() as AddressInfo).port;
}

afterEach(async () => {
  const s = server;
  server = null;
  if (!s) return;
  s.closeAllConnections();
  await new Promise((r) => s.close(r));
});

describe("stats", () => {
  it("takes nearest-rank quantiles and medians", () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(quantile(values, 0.5)).toBe(50);
    expect(quantile(values, 0.99)).toBe(99);
    expect(quantile(values, 1)).toBe(100);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(quantile([], 0.5)).toBeNaN();
  });
});

describe("AddressPool", () => {
  it("hands out distinct loopback addresses, never 127.0.0.1 or a .0/.255 host", () => {
    const pool = new AddressPool();
    const seen = new Set<string>();
    const bad: string[] = [];
    for (let i = 0; i < 70_000; i++) {
      const a = pool.next();
      const [first, second, third, last] = a.split(".").map(Number);
      const inRange = [second, third].every((o) => o !== undefined && o >= 0 && o <= 255);
      if (first !== 127 || !inRange || last === undefined || !(last > 0 && last < 255)) bad.push(a);
      seen.add(a);
    }
    expect(bad).toEqual([]);
    expect(seen.size).toBe(70_000);
    expect(seen.has("127.0.0.1")).toBe(false);
  });
});

describe("parseStat", () => {
  it("reads ppid and utime+stime even when the command has spaces and parentheses", () => {
    const line = "4242 (postgres: x (y)) S 17 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 1 0 100 0 0";
    expect(parseStat(line)).toEqual({ pid: 4242, comm: "postgres: x (y)", ppid: 17, ticks: 300 });
  });
});

describe("closedLoop", () => {
  it("rotates the source address after perAddress requests and counts only the expected status", async () => {
    const peers: string[] = [];
    let n = 0;
    const port = await serve((req, res) => {
      peers.push(req.socket.remoteAddress ?? "");
      res.statusCode = n++ % 4 === 3 ? 429 : 200;
      res.end("{}");
    });
    let left = 10;
    const r = await closedLoop({
      port,
      addresses: new AddressPool(),
      connections: 1,
      seconds: 10,
      workload: { perAddress: 3, next: () => (left-- > 0 ? { method: "GET", path: "/", expect: 200 } : null) },
    });
    expect(peers).toHaveLength(10);
    expect(new Set(peers).size).toBe(4);
    expect(peers.every((p) => p.startsWith("127.") && p !== "127.0.0.1")).toBe(true);
    expect(r.completed).toBe(8);
    expect(r.errors).toBe(2);
    expect(r.exhausted).toBe(true);
  });
});

describe("openLoop", () => {
  it("measures from the scheduled instant: a server that falls behind shows its queue (no coordinated omission)", async () => {
    // 50 ms per request on one connection = 20 req/s of capacity, asked for 100 req/s over 1 s.
    const port = await serve((_req, res) => setTimeout(() => res.end("{}"), 50));
    const r = await openLoop({
      port,
      addresses: new AddressPool(),
      rate: 100,
      seconds: 1,
      maxConnections: 1,
      workload: { perAddress: Number.POSITIVE_INFINITY, next: () => ({ method: "GET", path: "/", expect: 200 }) },
    });
    expect(r.scheduled).toBe(100);
    expect(r.completed).toBe(100);
    // The last request was due at ~1 s and served at ~5 s: a generator that waited for
    // each answer before scheduling the next would report ~50 ms for all of them.
    expect(quantile(r.latencies, 0.99)).toBeGreaterThan(3000);
    expect(quantile(r.latencies, 0.01)).toBeLessThan(200);
  });

  it("keeps to the schedule by opening connections when none is idle", async () => {
    const port = await serve((_req, res) => setTimeout(() => res.end("{}"), 100));
    const r = await openLoop({
      port,
      addresses: new AddressPool(),
      rate: 200,
      seconds: 1,
      workload: { perAddress: Number.POSITIVE_INFINITY, next: () => ({ method: "GET", path: "/", expect: 200 }) },
    });
    expect(r.completed).toBe(200);
    expect(r.connections).toBeGreaterThanOrEqual(15);
    // One connection would need 20 s for these 200 requests; generous bound for a busy machine.
    expect(quantile(r.latencies, 0.99)).toBeLessThan(5000);
  });
});
