import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { BlockedDestinationError, guardedFetch } from "@/lib/oauth/guarded-fetch";

let server: Server;
let port = 0;
let connections = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/redirect") {
      res.writeHead(302, { location: "http://127.0.0.1:1/elsewhere" });
      res.end();
      return;
    }
    if (req.url === "/big") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end("x".repeat(2 * 1024 * 1024));
      return;
    }
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json", "set-cookie": ["a=1", "b=2"] });
      res.end(JSON.stringify({ method: req.method, body, auth: req.headers.authorization ?? null }));
    });
  });
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const opts = (init: Partial<Parameters<typeof guardedFetch>[1]> = {}) =>
  ({ method: "GET", headers: {}, redirect: "manual", body: undefined, ...init }) as Parameters<typeof guardedFetch>[1];

describe("guardedFetch", () => {
  it("on a local instance reaches loopback, sends bodies and headers, returns the Response", async () => {
    const res = await guardedFetch(
      `http://127.0.0.1:${port}/token`,
      opts({ method: "POST", headers: { authorization: "Basic abc", "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ a: "1" }) }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(await res.json()).toEqual({ method: "POST", body: "a=1", auth: "Basic abc" });
  });

  it("never follows a redirect, and refuses bodies over 1 MiB", async () => {
    const res = await guardedFetch(`http://127.0.0.1:${port}/redirect`, opts());
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("http://127.0.0.1:1/elsewhere");
    await expect(guardedFetch(`http://127.0.0.1:${port}/big`, opts())).rejects.toThrow(/too large/);
  });

  it("on a public instance refuses loopback and private destinations before connecting (IP literals and names)", async () => {
    const before = process.env.TESSERA_BASE_URL;
    process.env.TESSERA_BASE_URL = "https://auth.example.com";
    resetEnvForTests();
    const seen = connections;
    try {
      for (const url of [
        `http://127.0.0.1:${port}/`,
        `http://localhost:${port}/`,
        `http://[::1]:${port}/`,
        `http://[::ffff:127.0.0.1]:${port}/`,
        `http://0.0.0.0:${port}/`,
        "http://169.254.169.254/latest/meta-data",
        "http://10.0.0.1/",
      ]) {
        await expect(guardedFetch(url, opts()), url).rejects.toBeInstanceOf(BlockedDestinationError);
      }
      expect(connections).toBe(seen);
    } finally {
      process.env.TESSERA_BASE_URL = before;
      resetEnvForTests();
    }
  });
});
